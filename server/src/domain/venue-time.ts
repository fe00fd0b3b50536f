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

/** The venue-local calendar day of an instant, as `YYYY-MM-DD`. */
export function venueDay(instant: Date | number, timeZone: string): string {
  return formatterFor(timeZone).format(instant);
}
