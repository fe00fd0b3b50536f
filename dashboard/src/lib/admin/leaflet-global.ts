import L from 'leaflet';

// leaflet-geoman is a script that extends the global `L`: the bundled Leaflet must be that global first.
(window as unknown as { L: typeof L }).L = L;
