import Router from '@koa/router';
import { z } from 'zod';
import { Instant, type ReplayFrame } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { buildFigures } from '../domain/live-figures.ts';
import { dayTimeline, floorStateOf, openAt, replayUntil, type LogEntry } from '../domain/replay.ts';
import { withSensorHealth } from '../domain/sensor-health.ts';
import { CrowdSafety } from '../domain/crowd-safety.ts';
import { RECENT_CROSSING_MINUTES, type RecentCrossing } from '../domain/floor-state.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { requireStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';
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

const Day = z.string().regex(/^\d{4}-\d\d-\d\d$/);

/**
 * Extensions of the contract (issue 3): `GET /api/v1/replay?at=` (the floor at a past instant) and
 * `GET /api/v1/replay/day?day=` (the day's occupancy per zone per minute and entries per 5 minutes).
 */
export function replayRoutes({ store, venue, credentials, sessions, now }: RouteDeps, gateOfflineMs: number): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const log = new LogCache(store);

  router.get('/api/v1/replay', staff, async (ctx) => {
    const parsed = Instant.safeParse(ctx.query.at);
    if (!parsed.success) throw new ApiError('invalid_request', 'at must be an ISO-8601 instant', [{ path: 'at', message: 'an ISO-8601 instant with a time zone' }]);
    const nowMs = now().getTime();
    const atMs = Math.min(Date.parse(parsed.data), nowMs);
    ctx.body = replayFrame(await log.entries(nowMs), venue, atMs, gateOfflineMs);
  });

  router.get('/api/v1/replay/day', staff, async (ctx) => {
    const nowMs = now().getTime();
    const day = ctx.query.day === undefined ? venueDay(nowMs, venue.timezone) : Day.safeParse(ctx.query.day).data;
    if (!day) throw new ApiError('invalid_request', 'day must be YYYY-MM-DD', [{ path: 'day', message: 'YYYY-MM-DD' }]);
    ctx.body = dayTimeline(await log.entries(nowMs), venue, day, nowMs);
  });
  return router;
}
