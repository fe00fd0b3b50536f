import { levelOfService, type LevelOfService } from '@fairwatch/venue';
import type { RecentCrossing } from './floor-state.ts';

export interface GateFlow {
  /** Persons per metre of clear width per minute, both directions: over the last minute, and the last 5. */
  flow1m: number;
  flow5m: number;
  /** Fruin's level of service of the last minute's flow. */
  levelOfService: LevelOfService;
}

const round1 = (value: number) => Math.round(value * 10) / 10;
const minuteOf = (ms: number) => Math.floor(ms / 60_000);

/**
 * Flow through each gate with a width, from the store's crossings per minute of the server clock (so
 * every instance shows the same figures): the last minute is the busier of the current minute so far
 * and the one before (a surge shows at once, and a full minute is not forgotten the second it ends);
 * the 5-minute flow is the current minute and the four before, over 5. Both change only when reports
 * arrive or a minute turns.
 */
export function gateFlows(crossings: readonly RecentCrossing[], widths: ReadonlyMap<string, number>, nowMs: number): Map<string, GateFlow> {
  const now = minuteOf(nowMs);
  const perGate = new Map<string, Float64Array>();
  for (const { minute, gate, in: inCount, out: outCount } of crossings) {
    const age = now - minute;
    if (age < 0 || age > 4 || !widths.has(gate)) continue;
    let minutes = perGate.get(gate);
    if (!minutes) perGate.set(gate, (minutes = new Float64Array(5)));
    minutes[age]! += inCount + outCount;
  }
  const flows = new Map<string, GateFlow>();
  for (const [gate, width] of widths) {
    const minutes = perGate.get(gate) ?? new Float64Array(5);
    const flow1m = round1(Math.max(minutes[0]!, minutes[1]!) / width);
    const flow5m = round1(minutes.reduce((sum, n) => sum + n, 0) / 5 / width);
    flows.set(gate, { flow1m, flow5m, levelOfService: levelOfService(flow1m) });
  }
  return flows;
}

/**
 * Net persons per minute into each zone over the 5 complete minutes before the current one, from the
 * same crossings (`in` moves people from a line's `from` to its `to`): the recent inflow trend of the
 * forecast, the same on every instance.
 */
export function netInflowPerMinute(
  crossings: readonly RecentCrossing[],
  lines: ReadonlyMap<string, { from: string | null; to: string | null }>,
  nowMs: number,
): Record<string, number> {
  const now = minuteOf(nowMs);
  const net: Record<string, number> = {};
  for (const { minute, gate, in: inCount, out: outCount } of crossings) {
    const age = now - minute;
    const line = lines.get(gate);
    if (age < 1 || age > 5 || !line) continue;
    const moved = (inCount - outCount) / 5;
    if (line.to !== null) net[line.to] = (net[line.to] ?? 0) + moved;
    if (line.from !== null) net[line.from] = (net[line.from] ?? 0) - moved;
  }
  return net;
}
