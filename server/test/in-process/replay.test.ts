import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DayTimeline, Snapshot } from '@fairwatch/protocol';
import { LOG_CACHE_MS } from '../../src/services/replay-log-cache.ts';
import { uniqueId } from '../support/api-client.ts';
import { DEVICE_KEY, PASSWORD, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts';

let running: InProcessApp;
let token: string;
beforeAll(async () => {
  running = await startInProcessApp();
  token = await running.api.login('operations', PASSWORD);
});
afterAll(() => running?.close());

const post = async (report: Record<string, unknown>) => {
  const answer = await running.api.post('/api/v1/counts', { id: uniqueId(), gate: 'door', at: running.clock.now().toISOString(), ...report }, DEVICE_KEY);
  expect(answer.status).toBe(202);
};
const replayNow = () => running.api.get(`/api/v1/replay?at=${encodeURIComponent(running.clock.now().toISOString())}`, token);

it('replays the floor from a log read at most every LOG_CACHE_MS, and agrees with the live figures past it', async () => {
  await post({ in: 12, out: 0 });
  running.clock.advance(1_000);
  expect((await replayNow()).body.figures.zones.hall.occupancy).toBe(12);
  await post({ in: 5, out: 0 });
  // Within the cache's time the log is not read again.
  expect((await replayNow()).body.figures.zones.hall.occupancy).toBe(12);
  running.clock.advance(LOG_CACHE_MS + 1);
  const fresh = await replayNow();
  const stats = (await running.api.get<Snapshot>('/api/v1/stats', token)).body;
  expect(fresh.body.figures.zones).toEqual(stats.zones);
  expect(stats.zones.hall!.occupancy).toBe(17);
});

it('counts a counter that sends running totals in the day timeline\'s entries per 5 minutes', async () => {
  const before = (await running.api.get<Snapshot>('/api/v1/stats', token)).body.totals.entriesToday;
  await post({ device: 'door-1', inTotal: 100, outTotal: 0 });
  running.clock.advance(30_000);
  await post({ device: 'door-1', inTotal: 130, outTotal: 4 });
  running.clock.advance(LOG_CACHE_MS + 1);
  const stats = (await running.api.get<Snapshot>('/api/v1/stats', token)).body;
  expect(stats.totals.entriesToday - before).toBe(130);
  const day = (await running.api.get<DayTimeline>('/api/v1/replay/day', token)).body;
  expect(day.entries5m.entries.reduce((sum, n) => sum + n, 0)).toBe(stats.totals.entriesToday);
});
