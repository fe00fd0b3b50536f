/** Kept for imports written before the venue's clock became one module: use venue-time.ts. */
export { addDays, isDay, venueHour, venueMinuteOfDay } from './venue-time.ts';
