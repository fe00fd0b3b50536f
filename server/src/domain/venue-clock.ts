/** Kept for imports written before the venue's clock became one module: use venue-time.ts. */
import { localTimeToInstant } from './venue-time.ts';

export { localTimeToInstant };

/** The instant (epoch ms) of a wall-clock date and time in the venue's time zone (cameras that send local time without a zone). */
export function localDateTimeToInstant(local: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): number {
  const day = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  const minute = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return localTimeToInstant(day, minute, timeZone) + local.second * 1000;
}
