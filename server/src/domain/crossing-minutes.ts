import { RECENT_CROSSING_MINUTES, type RecentCrossing } from './floor-state.ts';

/** Crossings per minute of the server clock and gate, the last few minutes only (issue 18: flow per gate). */
export type CrossingMinutes = Map<number, Map<string, { in: number; out: number }>>;

/** Adds a report's crossings to its minute, and forgets minutes older than a floor state reads. */
export function countCrossings(minutes: CrossingMinutes, gate: string, inCount: number, outCount: number, nowMs: number): void {
  if (inCount === 0 && outCount === 0) return;
  const minute = Math.floor(nowMs / 60_000);
  let gates = minutes.get(minute);
  if (!gates) minutes.set(minute, (gates = new Map()));
  const counted = gates.get(gate);
  if (counted) (counted.in += inCount), (counted.out += outCount);
  else gates.set(gate, { in: inCount, out: outCount });
  // A store nobody reads stays small.
  for (const old of minutes.keys()) if (old < minute - RECENT_CROSSING_MINUTES) minutes.delete(old);
}

/** The crossings of the last RECENT_CROSSING_MINUTES minutes at `nowMs`, the current one included. */
export function recentCrossingsOf(minutes: CrossingMinutes, nowMs: number): RecentCrossing[] {
  const firstMinute = Math.floor(nowMs / 60_000) - RECENT_CROSSING_MINUTES + 1;
  const recent: RecentCrossing[] = [];
  for (const [minute, gates] of minutes) {
    if (minute >= firstMinute) for (const [gate, counted] of gates) recent.push({ minute, gate, ...counted });
  }
  return recent;
}
