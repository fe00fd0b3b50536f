import type { Venue } from '@fairwatch/venue';

export const MINUTES_PER_DAY = 24 * 60;

/** Opening hours as minutes after local midnight; `close` is after `open` (past 1440 if past midnight). */
export interface OpeningMinutes {
  open: number;
  close: number;
}

/** "HH:MM" to minutes after midnight. Throws on anything else: a clock typo should fail loudly at start. */
export function parseClock(text: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new Error(`not a clock time "HH:MM": ${text}`);
  return hours * 60 + minutes;
}

/** Minutes (any number, any day) to the local clock "HH:MM". */
export function formatClock(minutes: number): string {
  const ofDay = ((Math.floor(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(ofDay / 60)).padStart(2, '0')}:${String(ofDay % 60).padStart(2, '0')}`;
}

/** The venue's opening hours, or 10:00-22:00 when the venue file does not say (EVENT.md's assumption). */
export function openingMinutesOf(venue: Pick<Venue, 'openingHours'>): OpeningMinutes {
  const open = parseClock(venue.openingHours?.open ?? '10:00');
  let close = parseClock(venue.openingHours?.close ?? '22:00');
  if (close <= open) close += MINUTES_PER_DAY; // a fair open past midnight
  return { open, close };
}

/** Where an instant of the simulated clock falls relative to the fair's days. */
export interface ClockPhase {
  /** The fair day this instant belongs to (0 = the day the simulation started; -1 before its opening). */
  day: number;
  /** Minutes since that day's opening, in [0, 1440). */
  sinceOpen: number;
  /** Minutes until that day's closing (negative once closed). */
  untilClose: number;
  isOpen: boolean;
  /** Local clock in minutes after midnight, [0, 1440), for time-of-day effects and programme slots. */
  minuteOfDay: number;
}

/** Places `clock` (minutes after midnight of simulated day 0, growing without bound) in the fair's days. */
export function phaseOf(hours: OpeningMinutes, clock: number): ClockPhase {
  const day = Math.floor((clock - hours.open) / MINUTES_PER_DAY);
  const sinceOpen = clock - hours.open - day * MINUTES_PER_DAY;
  const duration = hours.close - hours.open;
  return {
    day,
    sinceOpen,
    untilClose: duration - sinceOpen,
    isOpen: sinceOpen < duration,
    minuteOfDay: ((clock % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY,
  };
}
