import { describe, expect, it } from 'vitest';
import { arrivalRatePerMinute } from '../src/arrivals.ts';
import { parseClock } from '../src/clock.ts';
import { initialState, insideOf, occupancyOf, stepModel, type ModelState, type StepResult } from '../src/model.ts';
import { createVenuePlan, type ModelOptions, type VenuePlan } from '../src/plan.ts';
import { mulberry32 } from '../src/random.ts';
import { tinyVenue } from './tiny-venue.ts';

const venue = tinyVenue();
const TUESDAY = 2;
const SATURDAY = 6;

/** Runs the model minute by minute from `from` to `to` ("HH:MM", or minutes), calling `onStep` each step. */
function simulate(plan: VenuePlan, seed: number, from: number, to: number, onStep: (r: StepResult, before: ModelState) => void = () => {}): ModelState {
  const random = mulberry32(seed);
  let state = initialState(plan, from);
  while (state.clock < to - 1e-9) {
    const result = stepModel(plan, state, 60, random);
    onStep(result, state);
    state = result.state;
  }
  return state;
}

function planFor(options: ModelOptions = {}): VenuePlan {
  return createVenuePlan(venue, { weekday: TUESDAY, ...options });
}

/** People who came in from outside during a run, per the emitted gate counts. */
function entriesBetween(plan: VenuePlan, from: string, to: string, seed = 7): number {
  let entries = 0;
  simulate(plan, seed, parseClock('10:00'), parseClock(to), (result, before) => {
    if (before.clock >= parseClock(from)) entries += result.counts.filter((c) => c.gate.endsWith('-gate')).reduce((sum, c) => sum + c.in, 0);
  });
  return entries;
}

describe('crowd model', () => {
  it('is deterministic for a seed', () => {
    const run = (seed: number) => {
      const out: unknown[] = [];
      simulate(planFor({ seed }), seed, parseClock('10:00'), parseClock('13:00'), (r) => out.push(r.counts, r.checkins));
      return JSON.stringify(out);
    };
    expect(run(3)).toBe(run(3));
    expect(run(3)).not.toBe(run(4));
  });

  it('has no arrivals before opening', () => {
    const plan = planFor();
    expect(arrivalRatePerMinute(plan, parseClock('09:59'))).toBe(0);
    const state = simulate(plan, 1, parseClock('06:00'), parseClock('10:00'), (r) => {
      expect(r.counts.every((c) => c.in === 0 && c.out === 0)).toBe(true);
      expect(r.checkins).toEqual([]);
    });
    expect(state.entries).toBe(0);
  });

  it('empties the floor after closing: everyone who came in has left', () => {
    const plan = planFor();
    const state = simulate(plan, 11, parseClock('10:00'), parseClock('23:00'));
    expect(state.entries).toBeGreaterThan(1000);
    expect(state.exits).toBe(state.entries);
    expect(insideOf(state)).toBe(0);
  });

  it('keeps its occupancy consistent with its counts and never below zero', () => {
    const plan = planFor({ weekday: SATURDAY });
    const replayed: Record<string, number> = Object.fromEntries(plan.zoneIds.map((z) => [z, 0]));
    simulate(plan, 5, parseClock('10:00'), parseClock('23:00'), (result) => {
      for (const count of result.counts) {
        const gate = venue.gates.find((g) => g.id === count.gate);
        if (gate?.to) replayed[gate.to] = (replayed[gate.to] ?? 0) + count.in - count.out;
        if (gate?.from) replayed[gate.from] = (replayed[gate.from] ?? 0) - count.in + count.out;
      }
      const occupancy = occupancyOf(result.state);
      expect(replayed).toEqual(occupancy);
      for (const zone of plan.zoneIds) {
        expect(result.state.browsing[zone]).toBeGreaterThanOrEqual(0);
        expect(result.state.leaving[zone]).toBeGreaterThanOrEqual(0);
      }
    });
  });

  it('brings more people in the evening and at the weekend than on a weekday morning', () => {
    const weekdayMorning = entriesBetween(planFor(), '11:00', '12:00');
    const weekdayEvening = entriesBetween(planFor(), '18:00', '19:00');
    const saturdayMorning = entriesBetween(planFor({ weekday: SATURDAY }), '11:00', '12:00');
    expect(weekdayEvening).toBeGreaterThan(1.5 * weekdayMorning);
    expect(saturdayMorning).toBeGreaterThan(1.3 * weekdayMorning);
  });

  it('draws a surge to the stage at show time', () => {
    const plan = planFor({ shows: [{ start: '18:00', minutes: 60 }] });
    const stageAt: Record<string, number> = {};
    simulate(plan, 2, parseClock('10:00'), parseClock('18:31'), (r) => {
      stageAt[Math.round(r.state.clock)] = occupancyOf(r.state).stage ?? 0;
    });
    const before = stageAt[parseClock('17:30')] ?? 0;
    const during = stageAt[parseClock('18:30')] ?? 0;
    expect(during).toBeGreaterThan(4 * Math.max(before, 1));
  });

  it('scans badges at stands, some stands much more than others', () => {
    const perStand = new Map<string, number>();
    const badges: string[] = [];
    simulate(planFor({ seed: 9 }), 9, parseClock('10:00'), parseClock('22:00'), (r) => {
      for (const scan of r.checkins) {
        perStand.set(scan.stand, (perStand.get(scan.stand) ?? 0) + 1);
        if (scan.badge) badges.push(scan.badge);
      }
    });
    const counts = venue.stands.map((s) => perStand.get(s.id) ?? 0).sort((a, b) => a - b);
    expect(counts.at(-1)).toBeGreaterThan(3 * (counts[Math.floor(counts.length / 2)] ?? 0));
    expect(badges.every((b) => /^V-\d{6}$/.test(b))).toBe(true);
    expect(new Set(badges).size).toBeLessThan(badges.length); // visitors come back to other stands
  });
});
