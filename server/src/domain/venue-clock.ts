/** Kept for imports written before the venue's clock became one module: use venue-time.ts. */
export { localTimeToInstant } from './venue-time.ts';
