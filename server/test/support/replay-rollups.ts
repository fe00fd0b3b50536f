import type { Venue } from '@fairwatch/venue';
import { applyLogEntry, emptyReplay, type LogEntry } from '../../src/domain/replay.ts';
import { emptyRollup, rollCheckin, rollCount, type DayRollup } from '../../src/domain/rollups.ts';
import { venueDay, venueHour } from '@fairwatch/venue/venue-time';

/**
 * The roll-ups of every venue day as a fold of the durable log would keep them: what the stores
 * keep at ingest must follow from what they logged.
 */
export function replayRollups(log: readonly LogEntry[], venue: Venue): Map<string, DayRollup> {
  const state = emptyReplay();
  const rollups = new Map<string, DayRollup>();
  const badges = new Map<string, Set<string>>();
  const rollupOf = (day: string) => {
    let rollup = rollups.get(day);
    if (!rollup) rollups.set(day, (rollup = emptyRollup(day)));
    return rollup;
  };
  for (const entry of log) {
    applyLogEntry(state, entry, venue, (_item, applied, atMs) => {
      rollCount(rollupOf(venueDay(atMs, venue.timezone)), { entries: applied.entries, exits: applied.exits, hour: venueHour(atMs, venue.timezone) });
    }, { rollupOf, hourOf: (report) => venueHour(report.atMs, venue.timezone) });
    if (entry.type !== 'checkins') continue;
    for (const item of entry.items) {
      const atMs = Date.parse(item.at);
      const day = venueDay(atMs, venue.timezone);
      rollCheckin(rollupOf(day), item.stand, venueHour(atMs, venue.timezone));
      if (item.badge === undefined) continue;
      let seen = badges.get(day);
      if (!seen) badges.set(day, (seen = new Set()));
      seen.add(item.badge);
    }
  }
  for (const [day, rollup] of rollups) rollup.uniqueVisitors = badges.get(day)?.size ?? 0;
  return rollups;
}
