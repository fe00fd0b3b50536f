/**
 * Issue 18's budget: computing gate flow, times to clear and the forecast at every tick for the
 * synthetic 2,000-stand venue must add under 2 ms per tick. Measured in process on the server's own
 * code (`CrowdSafety.apply`, what the figures feed adds to each flush), with widths given to the
 * synthetic gates, a programme slot, and counts and occupancies that move every tick (a 250 ms tick,
 * after 6 minutes of ticks). Run alone: `node --import tsx bench/crowd-flow.ts [closed exits]`.
 */
import type { Venue } from '@fairwatch/venue';
import { CrowdSafety } from '../server/src/domain/crowd-safety.ts';
import type { Figures } from '../server/src/domain/live-figures.ts';
import type { RecentCrossing } from '../server/src/domain/floor-state.ts';
import { syntheticVenue } from './synthetic-venue.ts';

export interface CrowdFlowFigures {
  stands: number;
  zones: number;
  gates: number;
  ticks: number;
  /** Wall time per tick. */
  meanMs: number;
  p99Ms: number;
  maxMs: number;
  /** CPU time of the process per tick (all threads, GC included): what other work on a shared machine does not inflate. */
  cpuMeanMs: number;
  cpuP99Ms: number;
}

/** The synthetic venue with clear widths (entrances 6 m, passages 4 m) and a show in its first hall. */
export function syntheticVenueWithWidths(stands: number): Venue {
  const venue = syntheticVenue(stands);
  return {
    ...venue,
    gates: venue.gates.map((gate) => ({ ...gate, widthM: gate.from === null || gate.to === null ? 6 : 4 })),
    programme: [{ id: 'show', zone: venue.zones[0]!.id, title: { ar: 'عرض', fr: 'Spectacle', en: 'Show' }, start: '18:00', minutes: 60, expected: 5_000, leadMinutes: 30 }],
  };
}

function figuresOf(venue: Venue, tick: number): Figures {
  const zones: Figures['zones'] = {};
  venue.zones.forEach((zone, z) => {
    // Halls filling and emptying at different paces, so that trends, level times and routes all move.
    const occupancy = Math.round(zone.areaM2 * (1 + Math.sin(tick / 400 + z)) * (0.6 + (z % 3) * 0.5));
    zones[zone.id] = { occupancy, density: occupancy / zone.areaM2, level: 'normal', uncertain: false, drift: 0 };
  });
  const gates: Figures['gates'] = {};
  venue.gates.forEach((gate, g) => {
    const crossed = tick * (3 + (g % 5));
    gates[gate.id] = { inToday: crossed, outToday: Math.floor(crossed / 2), lastReportAt: null, online: true };
  });
  return { totals: { inside: 0, entriesToday: 0, exitsToday: 0, peakInside: 0, peakAt: null }, zones, stands: {}, gates, incidents: { open: 0, acknowledged: 0, resolvedToday: 0 } };
}

/** Crossings per gate and minute as a store would hold them at `nowMs`: the current minute growing with the ticks. */
function crossingsOf(venue: Venue, tick: number, nowMs: number): RecentCrossing[] {
  const now = Math.floor(nowMs / 60_000);
  const sinceMinuteStart = Math.floor((nowMs % 60_000) / 250);
  return venue.gates.flatMap((gate, g) =>
    Array.from({ length: 6 }, (_, age) => {
      const perTick = 3 + ((g + tick / 240 + age) % 5);
      const ticks = age === 0 ? sinceMinuteStart : 240;
      return { minute: now - age, gate: gate.id, in: Math.round(perTick * ticks), out: Math.round((perTick * ticks) / 2) };
    }),
  );
}

/** `closedExits`: that many exits closed for real, so that the fronts joined over closures are in the tick too. */
export function measureCrowdFlow(stands: number, ticks: number, closedExits = 0): CrowdFlowFigures {
  const venue = syntheticVenueWithWidths(stands);
  const safety = new CrowdSafety(venue);
  // 17:20 at the venue: the show's lead time opens within the forecast's hour.
  const startMs = Date.parse('2022-10-15T16:20:00Z');
  const tickMs = 250;
  const warmup = (6 * 60_000) / tickMs;
  const closed = new Set(venue.gates.filter((gate) => gate.from === null || gate.to === null).slice(0, closedExits).map((gate) => gate.id));
  const times: number[] = [];
  const cpu: number[] = [];
  for (let tick = 0; tick < warmup + ticks; tick++) {
    const figures = figuresOf(venue, tick);
    const began = performance.now();
    const cpuBefore = process.cpuUsage();
    const crossings = crossingsOf(venue, tick, startMs + tick * tickMs);
    safety.apply(figures, closed, crossings, startMs + tick * tickMs, '2022-10-15');
    const used = process.cpuUsage(cpuBefore);
    if (tick >= warmup) {
      times.push(performance.now() - began);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return {
    stands: venue.stands.length,
    zones: venue.zones.length,
    gates: venue.gates.length,
    ticks,
    meanMs: round(times.reduce((sum, t) => sum + t, 0) / times.length),
    p99Ms: round(times[Math.floor(times.length * 0.99)] ?? 0),
    maxMs: round(times.at(-1) ?? 0),
    cpuMeanMs: round(cpu.reduce((sum, t) => sum + t, 0) / cpu.length),
    cpuP99Ms: round(cpu[Math.floor(cpu.length * 0.99)] ?? 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // `node --import tsx bench/crowd-flow.ts [closed exits]`
  console.log(JSON.stringify({ closedExits: Number(process.argv[2] ?? 0), ...measureCrowdFlow(2_000, 4_000, Number(process.argv[2] ?? 0)) }));
}
