import type { ClockPhase } from './clock.ts';
import type { VenuePlan, ZoneKind } from './plan.ts';
import { attractionFactor, dwellFactor, slotStageAt, type SlotStage } from './programme.ts';

/** How much walkers prefer each kind of neighbouring zone: they come to see the exhibits. */
const KIND_ATTRACTION: Record<ZoneKind, number> = {
  exhibit: 3,
  circulation: 2,
  stage: 1,
  seminar: 0.5,
  service: 0.4,
};

/** Mean minutes a browsing visitor stays in a zone of each kind before walking on. */
const KIND_DWELL_MINUTES: Record<ZoneKind, number> = {
  exhibit: 20,
  circulation: 3,
  stage: 10,
  seminar: 12,
  service: 6,
};

/** How strongly a programme pulls: the Caftan Show is the event of the day. */
const SHOW_PULL = 15;
const SEMINAR_PULL = 8;

/** Mean minutes a leaving visitor takes to cross one zone towards the exit. */
export const HOP_MINUTES = 2;

/** Where the zone's programme (show, seminar) stands at this phase; idle for zones without one. */
export function programmeStage(plan: VenuePlan, kind: ZoneKind | undefined, phase: ClockPhase): SlotStage {
  if (!phase.isOpen) return 'idle';
  if (kind === 'stage') return slotStageAt(plan.shows, phase.minuteOfDay);
  if (kind === 'seminar') return slotStageAt(plan.seminars, phase.minuteOfDay);
  return 'idle';
}

/** The weight a walker gives to stepping into `zone`: its kind, its size, its programme, how packed it is. */
export function attractionOf(plan: VenuePlan, zone: string, occupancy: number, phase: ClockPhase): number {
  const kind = plan.kinds.get(zone);
  if (!kind) return 0;
  const capacity = plan.capacity.get(zone) ?? 1;
  const pull = kind === 'stage' ? SHOW_PULL : SEMINAR_PULL;
  const programme = attractionFactor(programmeStage(plan, kind, phase), pull);
  return KIND_ATTRACTION[kind] * Math.sqrt(capacity) * programme * crowdingFactor(occupancy, capacity, programme > 1);
}

/**
 * People avoid a zone they can see is packed. A show audience squeezes in past the safe capacity
 * (that is the surge operations must watch) but not without limit: seats and sight lines run out.
 */
function crowdingFactor(occupancy: number, capacity: number, hasProgramme: boolean): number {
  if (occupancy <= capacity) return 1;
  if (!hasProgramme) return 0.3;
  return occupancy > 1.3 * capacity ? 0.05 : 1;
}

/** The probability that a browsing visitor in `zone` walks to another zone during `minutes`. */
export function walkProbability(plan: VenuePlan, zone: string, phase: ClockPhase, minutes: number): number {
  const kind = plan.kinds.get(zone);
  if (!kind) return 0;
  const dwell = KIND_DWELL_MINUTES[kind] * dwellFactor(programmeStage(plan, kind, phase));
  return 1 - Math.exp(-minutes / dwell);
}

/**
 * The probability that a browsing visitor decides to go home during `minutes`: a steady hazard that
 * gives the mean visit length, a rush over the last 45 minutes, everyone once the fair has closed.
 * Audiences of a running programme stay to the end.
 */
export function leaveProbability(plan: VenuePlan, zone: string, phase: ClockPhase, minutes: number): number {
  if (!phase.isOpen) return 1;
  const rush = phase.untilClose < 45 ? ((45 - phase.untilClose) / 45) * 0.15 : 0;
  const stage = programmeStage(plan, plan.kinds.get(zone), phase);
  const seated = stage === 'running' || stage === 'gathering' ? 0.2 : 1;
  return 1 - Math.exp(-minutes * (seated / plan.meanVisitMinutes + rush));
}

/** The probability that a leaving visitor crosses into the next zone towards the exit during `minutes`. */
export function hopProbability(phase: ClockPhase, minutes: number): number {
  // Half an hour after closing the stewards sweep the floor: whoever is left walks out now.
  if (!phase.isOpen && phase.untilClose < -30) return 1;
  return 1 - Math.exp(-minutes / HOP_MINUTES);
}
