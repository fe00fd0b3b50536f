/**
 * Check-ins in the last 15 minutes at which a stand shows full activity (about one visitor scanned every
 * 15 seconds). A fixed scale, not relative to the busiest stand, so that a quiet fair does not look busy.
 */
export const STAND_ACTIVITY_FULL = 60;

/**
 * A stand's activity, 0..1. The map shows it as the stand's brightness in a neutral colour, never in the
 * level colours: those mean a zone's crowding against its own thresholds, everywhere.
 */
export function standActivity(checkinsLast15m: number): number {
  return Math.min(Math.max(checkinsLast15m, 0) / STAND_ACTIVITY_FULL, 1);
}
