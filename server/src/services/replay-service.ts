import type { DayTimeline, ReplayFrame } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { venueDay } from '@fairwatch/venue/venue-time';
import { CrowdSafety } from '../domain/crowd-safety.ts';
import { RECENT_CROSSING_MINUTES, type RecentCrossing } from '../domain/floor-state.ts';
import { buildFigures } from '../domain/live-figures.ts';
import { dayTimeline, floorStateOf, openAt, replayUntil, type LogEntry } from '../domain/replay.ts';
import { withSensorHealth } from '../domain/sensor-health.ts';
import type { LogRepository } from '../store/store.ts';
import { LogCache } from './replay-log-cache.ts';

/** Crossings per gate and minute of the server clock before `atMs`, from the log (increment reports; running totals left out). */
function recentCrossingsOf(entries: readonly LogEntry[], atMs: number): RecentCrossing[] {
  const first = Math.floor(atMs / 60_000) - RECENT_CROSSING_MINUTES + 1;
  const counted = new Map<string, RecentCrossing>();
  for (const entry of entries) {
    if (entry.type !== 'counts' || entry.atMs > atMs || Math.floor(entry.atMs / 60_000) < first) continue;
    const minute = Math.floor(entry.atMs / 60_000);
    for (const item of entry.items) {
      if (item.device) continue;
      const key = `${minute}\n${item.gate}`;
      const crossing = counted.get(key) ?? { minute, gate: item.gate, in: 0, out: 0 };
      crossing.in += item.in ?? 0;
      crossing.out += item.out ?? 0;
      counted.set(key, crossing);
    }
  }
  return [...counted.values()];
}

/** The floor at `atMs`, rebuilt from the log through the same domain rules as the live figures. */
export function replayFrame(entries: readonly LogEntry[], venue: Venue, atMs: number, gateOfflineMs: number): ReplayFrame {
  const state = replayUntil(entries, venue, atMs);
  const at = new Date(atMs);
  const floor = floorStateOf(state, venueDay(at, venue.timezone), atMs);
  const base = withSensorHealth(buildFigures(floor, venue, at, { gateOfflineMs }), floor, venue, atMs, gateOfflineMs);
  // Flow, times to clear and forecast then (issue 18), with every gate open: closures are live state, not logged.
  const figures = new CrowdSafety(venue).apply(base, new Set(), recentCrossingsOf(entries, atMs), atMs, venueDay(at, venue.timezone));
  return { at: at.toISOString(), figures: { at: at.toISOString(), ...figures }, ...openAt(state) };
}

export interface ReplayServiceDeps {
  store: LogRepository;
  /** The venue served now. */
  venue: () => Venue;
  now: () => Date;
  gateOfflineMs: number;
}

/** The past from the durable log (issue 3): the floor at an instant, a day minute by minute. */
export class ReplayService {
  readonly #log: LogCache;

  constructor(private readonly deps: ReplayServiceDeps) {
    this.#log = new LogCache(deps.store);
  }

  /** The floor at `atMs` (never after now). */
  async frame(atMs: number): Promise<ReplayFrame> {
    const nowMs = this.deps.now().getTime();
    return replayFrame(await this.#log.entries(nowMs), this.deps.venue(), Math.min(atMs, nowMs), this.deps.gateOfflineMs);
  }

  /** A venue day's occupancy per zone per minute and entries per 5 minutes (today without `day`). */
  async day(day?: string): Promise<DayTimeline> {
    const nowMs = this.deps.now().getTime();
    const venue = this.deps.venue();
    return dayTimeline(await this.#log.entries(nowMs), venue, day ?? venueDay(nowMs, venue.timezone), nowMs);
  }
}
