import { phaseOf } from './clock.ts';
import type { VenuePlan } from './plan.ts';

/**
 * How much busier a day is than a plain weekday (Morocco: the weekend is Saturday and Sunday; Friday
 * is quiet around the midday prayer and busier in the afternoon).
 */
export function dayFactor(weekday: number, minuteOfDay: number): number {
  const day = ((weekday % 7) + 7) % 7;
  if (day === 6) return 1.6;
  if (day === 0) return 1.7;
  if (day === 5) return minuteOfDay >= 14 * 60 ? 1.35 : 0.8;
  return 1;
}

/** The time-of-day shape of arrivals, peaking at 1 in the early evening (after work and school). */
function timeOfDayShape(minuteOfDay: number): number {
  const hour = minuteOfDay / 60;
  const evening = Math.exp(-(((hour - 18.25) / 2) ** 2));
  const lunch = Math.exp(-(((hour - 13) / 1.5) ** 2));
  return Math.min(1, 0.45 + 0.55 * evening + 0.15 * lunch);
}

/**
 * Expected arrivals per minute at `clock` (minutes after midnight of simulated day 0): zero while
 * closed, a queue at opening that builds over the first hour, the evening peak, the weekend, and a
 * taper over the last hour since nobody comes in just before closing.
 */
export function arrivalRatePerMinute(plan: VenuePlan, clock: number): number {
  const phase = phaseOf(plan.hours, clock);
  if (!phase.isOpen) return 0;
  const ramp = 0.3 + 0.7 * Math.min(1, phase.sinceOpen / 60);
  const taper = Math.min(1, Math.max(0, (phase.untilClose - 10) / 60));
  const weekday = plan.weekday + phase.day;
  return plan.peakArrivalsPerMinute * ramp * taper * timeOfDayShape(phase.minuteOfDay) * dayFactor(weekday, phase.minuteOfDay);
}
