import './lib/zod-config.ts';
import { mount } from 'svelte';
import 'leaflet/dist/leaflet.css';
import './app.css';
import App from './App.svelte';
import { registerServiceWorker } from './lib/incidents/service-worker.ts';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');

registerServiceWorker();

export default mount(App, { target });
