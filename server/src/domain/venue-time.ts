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
 * Every UTC offset in use is a whole number of quarter hours, so anything of the local calendar day or
 * hour is the same for every instant of a UTC quarter hour. Intl costs 1-3 µs a call and these run
 * once per ingested report: `perQuarterHour` computes once per quarter hour and time zone.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_REMEMBERED = 4096;

export function perQuarterHour<T>(compute: (ms: number, timeZone: string) => T): (instant: Date | number, timeZone: string) => T {
  const byZone = new Map<string, Map<number, T>>();
  return (instant, timeZone) => {
    const ms = typeof instant === 'number' ? instant : instant.getTime();
    const quarter = Math.floor(ms / QUARTER_HOUR_MS);
    let values = byZone.get(timeZone);
    if (!values) byZone.set(timeZone, (values = new Map()));
    let value = values.get(quarter);
    if (value === undefined) {
      value = compute(ms, timeZone);
      if (values.size >= MAX_REMEMBERED) values.clear();
      values.set(quarter, value);
    }
    return value;
  };
}

/** The venue-local calendar day of an instant, as `YYYY-MM-DD`. */
export const venueDay = perQuarterHour((ms, timeZone) => formatterFor(timeZone).format(ms));
