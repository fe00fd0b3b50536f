import type { LevelOfService, WhatIfAnswer } from '@fairwatch/protocol';

/**
 * Colours of Fruin's levels of service on the map (green A to red F, matching the density levels' hues)
 * and of a time to clear against the venue's target. The figures themselves come from the server:
 * nothing here computes a flow or a time.
 */
export const LOS_COLOURS: Record<LevelOfService, string> = {
  A: '#2fbf71',
  B: '#7fcf5a',
  C: '#c9d34a',
  D: '#f2c94c',
  E: '#f2884b',
  F: '#ff4d4f',
};

/** Text on a level-of-service colour: dark on every one (AA contrast, red included). */
export const LOS_TEXT: Record<LevelOfService, string> = { A: '#06140c', B: '#06140c', C: '#141400', D: '#1d1600', E: '#1f0c00', F: '#1a0000' };

export type TargetTone = 'ok' | 'near' | 'over' | 'unknown';

/** How a time to clear stands against the target: under 75 % of it, up to it, over it (or no way out). */
export function targetTone(minutes: number | null | undefined, target: number, noWayOut = false): TargetTone {
  if (minutes === null || minutes === undefined) return noWayOut ? 'over' : 'unknown';
  if (minutes > target) return 'over';
  return minutes > 0.75 * target ? 'near' : 'ok';
}

/**
 * What the what-if panel says under "over the target": the zones over it, or (none being over) the
 * whole floor when it is, since each zone alone may get out in time while all together do not.
 */
export function overTargetSummary(answer: Pick<WhatIfAnswer, 'floorMinutes' | 'targetMinutes' | 'zones'>): 'zones' | 'floor' | 'none' {
  if (Object.values(answer.zones).some((zone) => zone.overTarget)) return 'zones';
  return answer.floorMinutes !== null && answer.floorMinutes > answer.targetMinutes ? 'floor' : 'none';
}

/**
 * How to read a time to clear the server sent as null: "no way out" (its exits closed or blocked) or
 * "widths unknown" (a gate on its way has no width); never "no way out" for a venue drawn without widths.
 */
export function missingTime(minutes: number | null | undefined, noWayOut: boolean): 'time' | 'no-way-out' | 'unknown' {
  if (minutes === null) return noWayOut ? 'no-way-out' : 'unknown';
  return minutes === undefined ? 'unknown' : 'time';
}

export const TONE_COLOURS: Record<TargetTone, string> = { ok: '#2fbf71', near: '#f2c94c', over: '#ff4d4f', unknown: '#9aa7b6' };

/** Marker radius (px) for a flow: a visible dot at rest, growing with the square root of the flow up to F and beyond. */
export function flowRadius(flow: number | null | undefined): number {
  return 7 + Math.min(15, Math.sqrt(Math.max(0, flow ?? 0)) * 1.4);
}
