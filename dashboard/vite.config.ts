import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { serviceWorker } from './build/service-worker-plugin.ts';

// The dev server forwards the API and the Socket.IO endpoint to a server started with `pnpm serve`,
// so the dashboard talks to the same origin in development and in production.
const SERVER = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [svelte(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Leaflet alone is ~150 kB; one bundle keeps the control room's first paint simple.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      treeshake: {
        // The protocol's and the venue's modules only declare schemas, data and functions. Saying so lets
        // the bundler drop what the dashboard never uses (the zod schemas, the bundled Fes venue, the file
        // loader); it takes `applyDelta` and the geometry helpers: 94 kB less, 26 kB gzipped.
        moduleSideEffects: (id: string) => !/[\\/]packages[\\/](protocol|venue)[\\/]src[\\/]/.test(id),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: false },
      '/socket.io': { target: SERVER, ws: true },
    },
  },
});
