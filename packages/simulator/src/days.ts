import type { Checkin, CountReport } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { localMinutesToInstant } from '@fairwatch/venue/venue-time';
import { insideOf, initialState, stepModel } from './model.ts';
import { createVenuePlan, type ModelOptions } from './plan.ts';
import { mulberry32 } from './random.ts';
import { checkinsOf, countReportsOf } from './reports.ts';

/** One simulated minute of a fair day: the reports the counters and scanners send, dated then. */
export interface SimulatedStep {
  atMs: number;
  counts: CountReport[];
  checkins: Checkin[];
}

/** A simulated fair day and what the model knows for sure about it. */
export interface SimulatedDay {
  day: string;
  steps: SimulatedStep[];
  truth: { entries: number; exits: number; peakInside: number; personMinutes: number };
}

/**
 * Plays the seeded model through a whole day (opening to an empty floor after closing), one step a
 * simulated minute, and returns every report with its `at` on that day. Pure and deterministic:
 * `index` (the day's place in the fair) seeds its crowd, so days can be made one at a time. The
 * crowd follows the day's weekday, or `model.weekday` for every day when given.
 */
export function simulateDay(venue: Venue, day: string, index: number, seed: number, model: ModelOptions = {}): SimulatedDay {
  const weekday = model.weekday ?? new Date(`${day}T12:00:00Z`).getUTCDay();
  const plan = createVenuePlan(venue, { ...model, seed, weekday });
  const random = mulberry32(seed * 31 + index);
  let state = initialState(plan, plan.hours.open);
  const steps: SimulatedStep[] = [];
  let peakInside = 0;
  let personMinutes = 0;
  const run = `sim${seed}-${day}`;
  while (state.clock < plan.hours.close + 75) {
    const result = stepModel(plan, state, 60, random);
    state = result.state;
    const at = new Date(localMinutesToInstant(day, state.clock, venue.timezone)).toISOString();
    steps.push({ atMs: Date.parse(at), counts: countReportsOf(run, state.step, result.counts, false, at), checkins: checkinsOf(run, state.step, result.checkins, at) });
    const inside = insideOf(state);
    peakInside = Math.max(peakInside, inside);
    personMinutes += inside;
  }
  return { day, steps, truth: { entries: state.entries, exits: state.exits, peakInside, personMinutes } };
}

/** Consecutive days of a fair, as simulateDay. */
export function simulateDays(venue: Venue, days: readonly string[], seed: number, model: ModelOptions = {}): SimulatedDay[] {
  return days.map((day, index) => simulateDay(venue, day, index, seed, model));
}
