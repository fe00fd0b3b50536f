import type { VenueClock } from '@fairwatch/protocol';
import { offsetMinutesAt } from '@fairwatch/venue/venue-time';

/**
 * The venue's clock on this side (the rules live in @fairwatch/venue/venue-time; this holds the
 * server's offsets and the formatters): every venue time on every screen is formatted here, from the UTC
 * offsets the server resolves (`GET /api/v1/clock`), not from the browser's own time-zone data, so
 * that a screen, the printed report and the CSV can never disagree. Until the offsets are known (or
 * for another time zone) Intl's time-zone data stands in.
 */
let clock: VenueClock | null = null;

/** Sets the server's clock (venue-cache.ts fetches it with the venue). */
export function setVenueClock(value: VenueClock | null): void {
  clock = value;
}

export function venueClock(): VenueClock | null {
  return clock;
}

/** The venue's UTC offset at an instant, in minutes; null when the server's offsets are not known for this zone. */
export function venueOffsetMinutes(ms: number, timeZone: string): number | null {
  if (!clock || clock.timezone !== timeZone) return null;
  return offsetMinutesAt(clock.offsets, ms);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let made = formatters.get(key);
  if (!made) formatters.set(key, (made = make()));
  return made;
}

/**
 * An instant as the venue's wall clock reads it, formatted with `options` in `locale`: shifted by the
 * server's offset and formatted as UTC, or (offsets unknown) with Intl's data for `timeZone`.
 */
export function formatVenueInstant(iso: string | number, locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso);
  const offset = venueOffsetMinutes(ms, timeZone);
  const zone = offset === null ? timeZone : 'UTC';
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  return formatter(key, () => new Intl.DateTimeFormat(locale, { ...options, timeZone: zone })).format(ms + (offset ?? 0) * 60_000);
}

/** The venue's calendar day of an instant, `YYYY-MM-DD`. */
export function venueDayOf(iso: string | number, timeZone: string): string {
  return formatVenueInstant(iso, 'en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' });
}
