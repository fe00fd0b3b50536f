export * from './schema.ts';
export * from './geometry.ts';
export { VenueError, parseVenue, loadVenueFile } from './load.ts';
export { crossCheckVenue } from './checks.ts';
export * from './lookup.ts';
export { fesVenue } from './fes.ts';
export * from './crowd-flow.ts';
