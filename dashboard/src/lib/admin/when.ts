import { formatVenueInstant } from '../venue-time.ts';

/** A date and time of the admin screens, in the venue's time zone. */
export function formatWhen(iso: string, locale: string, timeZone: string): string {
  return formatVenueInstant(iso, locale, timeZone, { dateStyle: 'short', timeStyle: 'short' });
}
