/**
 * Local wall-clock times of the venue as instants: "18:00 on 2022-10-15 in Africa/Casablanca". The
 * offset is read from Intl at that instant, so daylight-saving changes are handled.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(instantMs: number, timeZone: string): number {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instantMs).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant (epoch ms) of the local time `hhmm` on the venue day `day` (YYYY-MM-DD). */
export function localTimeToInstant(day: string, hhmm: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const [h, min] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, h!, min!);
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return guess;
}

/** The instant (epoch ms) of a wall-clock date and time in the venue's time zone (cameras that send local time without a zone). */
export function localDateTimeToInstant(local: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): number {
  const day = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  const minute = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return localTimeToInstant(day, minute, timeZone) + local.second * 1000;
}
