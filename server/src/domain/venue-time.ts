/**
 * Calendar days in the venue's time zone: "today" for the figures is the venue's day, not the server's.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Every UTC offset in use is a whole number of quarter hours, so the venue day is the same for every
 * instant of a UTC quarter hour: formatting once per quarter (Intl costs ~1 µs a call) is enough.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_REMEMBERED = 4096;
const remembered = new Map<string, Map<number, string>>();

/** The venue-local calendar day of an instant, as `YYYY-MM-DD`. */
export function venueDay(instant: Date | number, timeZone: string): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const quarter = Math.floor(ms / QUARTER_HOUR_MS);
  let days = remembered.get(timeZone);
  if (!days) remembered.set(timeZone, (days = new Map()));
  let day = days.get(quarter);
  if (day === undefined) {
    day = formatterFor(timeZone).format(ms);
    if (days.size >= MAX_REMEMBERED) days.clear();
    days.set(quarter, day);
  }
  return day;
}
