import { HOURS, sum, type DayRollup } from './rollups.ts';

/**
 * Entries of a day up to a local time of day. Roll-ups are hourly, so the hour in progress counts in
 * proportion to the minutes gone (people are taken to arrive at a steady pace within an hour).
 */
export function entriesByMinute(entriesByHour: readonly number[], minuteOfDay: number): number {
  const minute = Math.max(0, Math.min(HOURS * 60, minuteOfDay));
  const fullHours = Math.floor(minute / 60);
  let total = sum(entriesByHour.slice(0, fullHours));
  if (fullHours < HOURS) total += (entriesByHour[fullHours] ?? 0) * ((minute - fullHours * 60) / 60);
  return Math.round(total);
}

export interface DayComparison {
  day: string;
  /** Entries up to the same local time as now. */
  entriesByNow: number;
  entriesTotal: number;
  /** How today compares with this day at the same time: (today - that) / that, null when that day had none. */
  change: number | null;
}

export interface Comparisons {
  day: string;
  /** Local time of day the comparison is made at, in minutes. */
  minuteOfDay: number;
  entriesByNow: number;
  /** Each earlier day of the fair, oldest first. */
  earlier: DayComparison[];
  /** Today's entries per local hour next to yesterday's (null when yesterday had no roll-up). */
  hourly: { today: number[]; yesterday: number[] | null; yesterdayDay: string };
}

/** Today against each earlier day at the same time of day, and today's hours against yesterday's. Pure. */
export function compareDays(today: DayRollup, earlier: readonly DayRollup[], minuteOfDay: number, yesterdayDay: string): Comparisons {
  // Today has no figures past now: its hour in progress counts whole.
  const entriesByNow = sum(today.entriesByHour.slice(0, Math.min(HOURS, Math.floor(minuteOfDay / 60) + 1)));
  const sorted = [...earlier].filter((r) => r.day < today.day).sort((a, b) => a.day.localeCompare(b.day));
  const yesterday = sorted.find((r) => r.day === yesterdayDay);
  return {
    day: today.day,
    minuteOfDay,
    entriesByNow,
    earlier: sorted.map((rollup) => {
      const then = entriesByMinute(rollup.entriesByHour, minuteOfDay);
      return { day: rollup.day, entriesByNow: then, entriesTotal: rollup.entries, change: then > 0 ? (entriesByNow - then) / then : null };
    }),
    hourly: { today: [...today.entriesByHour], yesterday: yesterday ? [...yesterday.entriesByHour] : null, yesterdayDay },
  };
}
