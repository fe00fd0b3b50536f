import { phaseOf } from './clock.ts';
import { arrivalRatePerMinute } from './arrivals.ts';
import { drawCheckins, type StandScan } from './checkins.ts';
import { attractionOf, hopProbability, leaveProbability, walkProbability } from './movement.ts';
import type { Passage, VenuePlan } from './plan.ts';
import type { Random } from './random.ts';
import { binomial, poisson, splitByWeights } from './sampling.ts';

/**
 * What the model believes about the floor. Visitors in a zone are either browsing (walking between
 * zones at random) or leaving (walking the shortest way out); occupancy is the sum.
 */
export interface ModelState {
  /** Simulated local clock, minutes after midnight of simulated day 0 (may exceed 1440). */
  clock: number;
  /** Steps taken so far; makes report ids stable. */
  step: number;
  browsing: Record<string, number>;
  leaving: Record<string, number>;
  /** People who came in from outside / went out, since the start. */
  entries: number;
  exits: number;
}

/** One counter's report for one step: people who crossed the line each way. */
export interface GateCount {
  gate: string;
  in: number;
  out: number;
}

/** What one step produced: the next state, one count per gate (zeros included), the scans. */
export interface StepResult {
  state: ModelState;
  counts: GateCount[];
  checkins: StandScan[];
}

/** An empty floor at `clock` (minutes after midnight of simulated day 0). */
export function initialState(plan: VenuePlan, clock: number): ModelState {
  const zeros = (): Record<string, number> => Object.fromEntries(plan.zoneIds.map((z) => [z, 0]));
  return { clock, step: 0, browsing: zeros(), leaving: zeros(), entries: 0, exits: 0 };
}

/** People in each zone per the model. */
export function occupancyOf(state: ModelState): Record<string, number> {
  const occupancy: Record<string, number> = {};
  for (const zone of Object.keys(state.browsing)) occupancy[zone] = (state.browsing[zone] ?? 0) + (state.leaving[zone] ?? 0);
  return occupancy;
}

/** People inside the venue per the model. */
export function insideOf(state: ModelState): number {
  return Object.values(occupancyOf(state)).reduce((sum, n) => sum + n, 0);
}

/**
 * Advances the floor by `dtSeconds` (keep it at most 60: each visitor crosses at most one line per
 * step, which is what keeps the counts consistent). Every move is drawn from the populations at the
 * start of the step, so no zone ever loses more people than it had, and every move is counted on its
 * gate. Pure apart from drawing from `random`.
 */
export function stepModel(plan: VenuePlan, state: ModelState, dtSeconds: number, random: Random): StepResult {
  const minutes = dtSeconds / 60;
  const phase = phaseOf(plan.hours, state.clock);
  const browsing = { ...state.browsing };
  const leaving = { ...state.leaving };
  const occupancy = occupancyOf(state);
  const tally = new Map<string, GateCount>(plan.gateIds.map((gate) => [gate, { gate, in: 0, out: 0 }]));
  let { entries, exits } = state;

  const cross = (passage: Passage, people: number, into: Record<string, number>): void => {
    if (people <= 0) return;
    const count = tally.get(passage.gate);
    if (count) count[passage.field] += people;
    if (passage.to === null) exits += people;
    else into[passage.to] = (into[passage.to] ?? 0) + people;
  };

  for (const zone of plan.zoneIds) {
    const startBrowsing = state.browsing[zone] ?? 0;
    const startLeaving = state.leaving[zone] ?? 0;
    const decided = binomial(random, startBrowsing, leaveProbability(plan, zone, phase, minutes));
    const walkers = binomial(random, startBrowsing - decided, walkProbability(plan, zone, phase, minutes));
    const hoppers = binomial(random, startLeaving, hopProbability(phase, minutes));

    const walkWays = (plan.passagesFrom.get(zone) ?? []).filter((p) => p.to !== null);
    const walkWeights = walkWays.map((p) => attractionOf(plan, p.to ?? '', occupancy[p.to ?? ''] ?? 0, phase));
    const walked = walkWeights.some((w) => w > 0) ? walkers : 0; // nowhere to go: stay
    const exitWays = plan.exitRoutes.get(zone) ?? [];
    const hopped = exitWays.length ? hoppers : 0; // no way out: wait

    browsing[zone] = (browsing[zone] ?? 0) - decided - walked;
    leaving[zone] = (leaving[zone] ?? 0) + decided - hopped;
    splitByWeights(random, walked, walkWeights).forEach((n, i) => walkWays[i] && cross(walkWays[i], n, browsing));
    splitByWeights(random, hopped, exitWays.map(() => 1)).forEach((n, i) => exitWays[i] && cross(exitWays[i], n, leaving));
  }

  // Newcomers come in after the moves, so they cross one line this step like everyone else.
  const entrances = plan.passagesFrom.get(null) ?? [];
  const arrivals = entrances.length ? poisson(random, arrivalRatePerMinute(plan, state.clock) * minutes) : 0;
  entries += arrivals;
  splitByWeights(random, arrivals, entrances.map(() => 1)).forEach((n, i) => entrances[i] && cross(entrances[i], n, browsing));

  const checkins = phase.isOpen ? drawCheckins(plan, state.browsing, minutes, random) : [];
  const next: ModelState = { clock: state.clock + minutes, step: state.step + 1, browsing, leaving, entries, exits };
  return { state: next, counts: [...tally.values()], checkins };
}
