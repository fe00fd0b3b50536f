import type { DensityLevel, LevelOfService } from '@fairwatch/protocol';
import { LEVELS_OF_SERVICE, levelOfServiceFloor, type CrowdFlowSettings } from '@fairwatch/venue';
import { CLEAR_MARGIN } from './zone-alerts.ts';

/**
 * The gate-flow alert (issue 18), as a pure rule: raised when a gate's flow has stayed at or above the
 * venue's level of service (default E, 66 persons/m/min) for its duration (default 2 minutes); a level
 * held longer still (F) raises a new alert at once, as zone thresholds do; cleared once the flow falls
 * CLEAR_MARGIN below the level's floor (E: under 56.1), so a gate hovering at the bound does not flap.
 */

/** Since when (ms) the gate's flow has been at or above each level, for the levels it is at now. */
export type SustainedSince = Map<LevelOfService, number>;

export type GateFlowStep = { action: 'raise'; levelOfService: LevelOfService } | { action: 'clear' } | null;

const rank = (level: LevelOfService) => LEVELS_OF_SERVICE.indexOf(level);

/**
 * Updates `since` with the flow at `nowMs` and says what the gate's alert should do. `active` is the
 * level of service of the gate's active alert (null: none); `flow` null means the gate has no width.
 */
export function gateFlowStep(
  active: LevelOfService | null,
  flow: number | null,
  level: LevelOfService | null,
  since: SustainedSince,
  nowMs: number,
  settings: Pick<CrowdFlowSettings, 'gateFlowAlertLevel' | 'gateFlowAlertMinutes'>,
): GateFlowStep {
  if (flow === null || level === null) {
    since.clear();
    return active ? { action: 'clear' } : null;
  }
  const floor = rank(settings.gateFlowAlertLevel);
  let sustained: LevelOfService | null = null;
  for (const candidate of LEVELS_OF_SERVICE.slice(floor)) {
    if (rank(level) >= rank(candidate)) {
      const from = since.get(candidate) ?? nowMs;
      since.set(candidate, from);
      if (nowMs - from >= settings.gateFlowAlertMinutes * 60_000) sustained = candidate;
    } else {
      since.delete(candidate);
    }
  }
  if (sustained && (active === null || rank(sustained) > rank(active))) return { action: 'raise', levelOfService: sustained };
  if (active && flow < levelOfServiceFloor(settings.gateFlowAlertLevel) * (1 - CLEAR_MARGIN)) return { action: 'clear' };
  return null;
}

/** The alert level a gate's level of service stands for on the dashboards (colour, sound). */
export function alertLevelOf(level: LevelOfService): DensityLevel {
  if (level === 'F') return 'critical';
  if (level === 'E') return 'crowded';
  return 'busy';
}
