import { HOURS } from './rollups.ts';

/** What the visit-length estimate is made from: a day's flows per local hour. */
export interface VisitLengthInput {
  entriesByHour: readonly number[];
  exitsByHour: readonly number[];
  /** How far into the day the estimate looks, in hours (24 for a past day; e.g. 15.5 at 15:30 today). */
  untilHour: number;
  /** `inside` now, for today: the last point of the occupancy curve is the measured one. */
  insideNow?: number;
}

export interface VisitLength {
  /** Estimated average visit in minutes; null before anyone came in. */
  minutes: number | null;
  /** Average number of people inside over the open part of the day (hours with people in). */
  averageInside: number;
  /** Person-hours spent inside so far. */
  personHours: number;
  entries: number;
  /** Whether people are still inside: then visits in progress count only their time so far. */
  provisional: boolean;
}

/**
 * Occupancy at the end of each local hour, rebuilt from the hourly flows from an empty floor at
 * midnight (held at 0). Used where no live peak was recorded (a day reported late).
 */
export function occupancyByHour(entriesByHour: readonly number[], exitsByHour: readonly number[]): number[] {
  let occupancy = 0;
  return Array.from({ length: HOURS }, (_, hour) => (occupancy = Math.max(0, occupancy + (entriesByHour[hour] ?? 0) - (exitsByHour[hour] ?? 0))));
}

/**
 * Little's law, L = λ·W, over the day: W = (time-integrated occupancy) / (entries), i.e. the average
 * number inside divided by the entry rate over the same window. Assumptions, stated for the managers:
 * - the venue is empty at local midnight (the fair closes at night): the occupancy curve starts at 0
 *   and is rebuilt from the hourly entries and exits, held at 0 like the zones;
 * - within an hour people come and go at a steady pace (the curve is linear inside an hour);
 * - once the floor is empty again the estimate is exact up to that interpolation; while people are
 *   still inside, their visits count only the time spent so far, so the figure is a lower bound that
 *   rises towards the day's true average by closing time.
 */
export function estimateVisitLength(input: VisitLengthInput): VisitLength {
  const until = Math.max(0, Math.min(HOURS, input.untilHour));
  let occupancy = 0;
  let personHours = 0;
  let entries = 0;
  let openHours = 0;
  for (let hour = 0; hour < HOURS && hour < until; hour++) {
    const share = Math.min(1, until - hour);
    const inHour = input.entriesByHour[hour] ?? 0;
    const outHour = input.exitsByHour[hour] ?? 0;
    entries += inHour;
    let end = Math.max(0, occupancy + inHour - outHour);
    const last = hour + 1 >= until;
    if (last && input.insideNow !== undefined) end = input.insideNow;
    // Over a partial hour the curve reaches `end` at `until`.
    const area = ((occupancy + end) / 2) * share;
    personHours += area;
    if (occupancy > 0 || end > 0) openHours += share;
    occupancy = end;
  }
  return {
    minutes: entries > 0 ? (personHours / entries) * 60 : null,
    averageInside: openHours > 0 ? personHours / openHours : 0,
    personHours,
    entries,
    provisional: occupancy > 0,
  };
}
