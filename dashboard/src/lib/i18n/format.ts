/**
 * Numbers, times and ages formatted by `Intl` for a locale tag. Times are shown in the venue's time zone
 * (by the server's offsets, venue-time.ts):
 * the control room and the floor staff live by the fair's clock, whatever the browser says.
 */
import { formatVenueInstant } from '../venue-time.ts';

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key);
  if (!formatter) cache.set(key, (formatter = make()));
  return formatter as T;
}

export function formatInteger(value: number, locale: string): string {
  return cached(`int|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(value);
}

/**
 * A gate flow in persons/m/min: a tenth at most ("3.7", "3,7" in French and Arabic, "649" when whole),
 * as the server rounds it, in the language's digits and separators.
 */
export function formatFlow(value: number, locale: string): string {
  return cached(`flow|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(value);
}

export function formatDensity(value: number, locale: string): string {
  return cached(
    `density|${locale}`,
    () => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  ).format(value);
}

/** A venue time "14:05" (the venue's clock, as the server resolves it: see venue-time.ts). */
export function formatTime(iso: string, locale: string, timeZone: string, withSeconds = false): string {
  return formatVenueInstant(iso, locale, timeZone, { hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23' });
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 min ago" / "il y a 3 min" / "قبل 3 دقائق"; under a minute reads "now". */
export function formatAge(iso: string, now: number, locale: string): string {
  const age = Math.max(0, now - Date.parse(iso));
  const rtf = cached(`rel|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
  for (const [unit, ms] of UNITS) {
    if (age >= ms) return rtf.format(-Math.floor(age / ms), unit);
  }
  return rtf.format(0, 'second');
}
