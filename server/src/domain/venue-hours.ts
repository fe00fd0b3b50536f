/**
 * Local hours and day arithmetic in the venue's time zone. Africa/Casablanca is UTC+1 most of the
 * year and UTC+0 during Ramadan: an hour of the local clock may be missing or repeated on the days the
 * clock changes; a repeated hour adds up in the same hour of the roll-up.
 */
import { perQuarterHour } from './venue-time.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The venue-local hour (0-23) of an instant. */
export const venueHour = perQuarterHour((ms, timeZone) => (venueMinuteOfDay(ms, timeZone) / 60) | 0);

/** Minutes since local midnight (fractional, 0 to < 1440) of an instant, by the venue's clock. */
export function venueMinuteOfDay(instant: Date | number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 60 + part('minute') + part('second') / 60;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `text` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(text: string): boolean {
  if (!DAY_PATTERN.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/** The calendar day `offset` days after `day` (negative: before). Pure calendar arithmetic. */
export function addDays(day: string, offset: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}
