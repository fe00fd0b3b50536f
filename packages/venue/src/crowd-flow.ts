import { LEVELS_OF_SERVICE, type Gate, type LevelOfService } from './schema.ts';

/**
 * Fruin's levels of service for walkways by flow (persons per metre of clear width per minute), from
 * J. J. Fruin, Pedestrian Planning and Design (1971), table of walkway levels converted from persons
 * per foot per minute (7, 10, 15, 20, 25 PFM): a flow at or above a level's bound is at that level
 * or worse. F is above 82 p/m/min, the UK Green Guide's rate for level exits.
 */
export const FRUIN_WALKWAY_FLOW: Readonly<Record<Exclude<LevelOfService, 'A'>, number>> = { B: 23, C: 33, D: 49, E: 66, F: 82 };

/** The level of service of a walkway flow (p/m/min); F strictly above 82. */
export function levelOfService(flowPerMetreMinute: number): LevelOfService {
  if (flowPerMetreMinute > FRUIN_WALKWAY_FLOW.F) return 'F';
  if (flowPerMetreMinute >= FRUIN_WALKWAY_FLOW.E) return 'E';
  if (flowPerMetreMinute >= FRUIN_WALKWAY_FLOW.D) return 'D';
  if (flowPerMetreMinute >= FRUIN_WALKWAY_FLOW.C) return 'C';
  if (flowPerMetreMinute >= FRUIN_WALKWAY_FLOW.B) return 'B';
  return 'A';
}

/** The flow at which a level starts (0 for A). */
export function levelOfServiceFloor(level: LevelOfService): number {
  return level === 'A' ? 0 : FRUIN_WALKWAY_FLOW[level];
}

/** Position of a level in A..F (0..5), for comparisons. */
export function levelOfServiceRank(level: LevelOfService): number {
  return LEVELS_OF_SERVICE.indexOf(level);
}

/** Whether people can leave the venue through the gate in an evacuation: to the outside, with a width, not excluded. */
export function isEvacuationExit(gate: Pick<Gate, 'from' | 'to' | 'widthM' | 'emergencyExit'>): boolean {
  return (gate.from === null || gate.to === null) && gate.widthM !== undefined && gate.emergencyExit !== false;
}
