import { dayCounters, insideOf, type ApplyContext, type FloorCounters } from './floor-counters.ts';

/**
 * A manual head count of a zone: its occupancy becomes `count`, its drift is forgotten (the count is
 * the truth again), and `inside` (the sum of the zones) follows, so the day's peak may rise. Gate
 * figures are crossings already counted and stay as they are; later counts apply on top of the count.
 * The Redis store applies the same rule in store/lua/recount-zone.lua. Returns the occupancy before.
 */
export function applyRecount(counters: FloorCounters, zone: string, count: number, context: ApplyContext): number {
  const before = counters.occupancy.get(zone) ?? 0;
  counters.occupancy.set(zone, count);
  counters.drift.delete(zone);
  const today = dayCounters(counters, context.today);
  const inside = insideOf(counters);
  if (inside > today.peakInside) {
    today.peakInside = inside;
    today.peakAt = context.nowIso;
  }
  return before;
}
