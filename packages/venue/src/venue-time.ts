/**
 * The venue's clock, the one place that turns instants into the venue's local days, hours and times
 * and back (Intl's time-zone data): the server, the simulator and vendor connectors use it (import
 * `@fairwatch/venue/venue-time`, not the package index, so a browser bundle takes only this file). The dashboard does not read its own
 * time-zone data: it gets the UTC offsets computed here (`GET /api/v1/clock`, `venueOffsets`) and
 * formats with them, so a screen, a printed report and a CSV always show the same local time.
 *
 * Africa/Casablanca is UTC+1 most of the year and UTC+0 during Ramadan: an hour of the local clock may
 * be missing or repeated on the days the clock changes; a repeated hour adds up in the same hour of
 * the roll-up.
 */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
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
export const venueDay = perQuarterHour((ms, timeZone) => dayFormatterFor(timeZone).format(ms));
/** Full local wall-clock parts, to read the offset of an instant. */
const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** The venue's UTC offset at an instant, in ms (local wall clock minus UTC). */
export function offsetMs(instantMs: number, timeZone: string): number {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partsFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instantMs).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The instant (epoch ms) of the local time `hhmm` on the venue day `day` (YYYY-MM-DD). */
export function localTimeToInstant(day: string, hhmm: string, timeZone: string): number {
  const [h, min] = hhmm.split(':').map(Number);
  return localMinutesToInstant(day, h! * 60 + min!, timeZone);
}

/** The instant of the wall clock `minutes` after local midnight of `day` (past 1440: the next days). */
export function localMinutesToInstant(day: string, minutes: number, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, 0, minutes);
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return guess;
}

/** The instant (epoch ms) of a wall-clock date and time in the venue's time zone (cameras that send local time without a zone). */
export function localDateTimeToInstant(local: { year: number; month: number; day: number; hour: number; minute: number; second: number }, timeZone: string): number {
  const day = `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
  return localMinutesToInstant(day, local.hour * 60 + local.minute, timeZone) + local.second * 1000;
}

const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The day of the week (0 = Sunday) of `date` in the venue's time zone; the host's if the zone is unknown. */
export function weekdayIn(timeZone: string, date: Date): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(date);
    const day = SHORT_DAYS.indexOf(name);
    return day >= 0 ? day : date.getDay();
  } catch {
    return date.getDay();
  }
}

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The venue-local hour (0-23) of an instant. */
export const venueHour = perQuarterHour((ms, timeZone) => (venueMinuteOfDay(ms, timeZone) / 60) | 0);

/** Minutes since local midnight (fractional, 0 to < 1440) of an instant, by the venue's clock. */
export function venueMinuteOfDay(instant: Date | number, timeZone: string): number {
  const parts = clockFormatterFor(timeZone).formatToParts(instant);
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

/** The venue-local time of an instant, "HH:MM" (24 h, latin digits): what reports and CSVs print. */
export function venueTimeOfDay(instant: Date | number | string, timeZone: string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : typeof instant === 'number' ? instant : instant.getTime();
  const minute = Math.floor(venueMinuteOfDay(ms, timeZone));
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** One stretch of the venue's clock: from `from` on, local time is UTC plus `offsetMinutes`. */
export interface VenueOffset {
  from: string;
  offsetMinutes: number;
}

const HOUR_MS = 3_600_000;
const offsetTables = new Map<string, { hour: number; table: VenueOffset[] }>();

/**
 * The venue's UTC offsets from `days` days back to `ahead` days on, as stretches (the first starts at
 * the window's start; a change of the clock starts a new one, found to the minute). Recomputed once an
 * hour. What the dashboard formats venue times with.
 */
export function venueOffsets(nowMs: number, timeZone: string, days = 40, ahead = 10): VenueOffset[] {
  const hour = Math.floor(nowMs / HOUR_MS);
  const key = `${timeZone}|${days}|${ahead}`;
  const cached = offsetTables.get(key);
  if (cached?.hour === hour) return cached.table;
  const start = (hour - days * 24) * HOUR_MS;
  const end = (hour + ahead * 24) * HOUR_MS;
  const minutesAt = (ms: number) => Math.round(offsetMs(ms, timeZone) / 60_000);
  const table: VenueOffset[] = [{ from: new Date(start).toISOString(), offsetMinutes: minutesAt(start) }];
  for (let at = start + HOUR_MS; at <= end; at += HOUR_MS) {
    const offset = minutesAt(at);
    if (offset === table.at(-1)!.offsetMinutes) continue;
    // The change happened within the last hour: find its minute.
    let low = at - HOUR_MS;
    let high = at;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (minutesAt(middle) === offset) high = middle;
      else low = middle;
    }
    table.push({ from: new Date(high).toISOString(), offsetMinutes: offset });
  }
  offsetTables.set(key, { hour, table });
  return table;
}

/** The UTC offset (minutes) at `ms` from a table of venueOffsets (what the dashboard formats with). */
export function offsetMinutesAt(offsets: readonly VenueOffset[], ms: number): number {
  let offset = offsets[0]!.offsetMinutes;
  for (const stretch of offsets) {
    if (Date.parse(stretch.from) > ms) break;
    offset = stretch.offsetMinutes;
  }
  return offset;
}
