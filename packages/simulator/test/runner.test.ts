import { afterEach, describe, expect, it } from 'vitest';
import { CheckinBody, CountBody, IncidentChange, IncidentReport } from '@fairwatch/protocol';
import { startSimulator, type SimulatorHandle } from '../src/runner.ts';
import type { SimulatorLogEvent } from '../src/log.ts';
import { startFakeServer } from './fake-server.ts';
import { tinyVenue } from './tiny-venue.ts';

const venue = tinyVenue();
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const done of cleanup.reverse()) await done();
  cleanup = [];
});

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('runner', () => {
  it('posts protocol-valid batches, retries a 503 with the same body, and stops', async () => {
    const server = await startFakeServer(1);
    cleanup.push(server.close);
    const logs: SimulatorLogEvent[] = [];
    // An evening hour per 20 ms tick: the floor is busy, the show brings incidents.
    const simulator: SimulatorHandle = startSimulator({
      baseUrl: server.url,
      deviceKey: 'device-key-1',
      venue,
      seed: 42,
      weekday: 6,
      speed: 180_000,
      tickMs: 20,
      startAt: '17:00',
      incidents: { username: 'security', password: 'pw' },
      log: (event) => logs.push(event),
    });
    cleanup.push(() => simulator.stop());
    const posts = (path: string) => server.received.filter((r) => r.url === path);
    await until(() => posts('/api/v1/counts').length >= 6 && posts('/api/v1/checkins').length >= 2 && posts('/api/v1/incidents').length >= 1);
    await simulator.stop();
    const afterStop = server.received.length;

    const counts = posts('/api/v1/counts');
    expect(counts[0]?.status).toBe(503);
    expect(counts[1]?.body).toEqual(counts[0]?.body); // the same batch, the same ids
    for (const request of counts) {
      const reports = CountBody.parse(request.body);
      expect(reports.length).toBeLessThanOrEqual(1000);
      expect(request.authorization).toBe('Bearer device-key-1');
      expect(Math.abs(Date.parse(reports[0]?.at ?? '') - Date.now())).toBeLessThan(10_000);
    }
    for (const request of posts('/api/v1/checkins')) expect(CheckinBody.parse(request.body).length).toBeGreaterThan(0);
    for (const request of posts('/api/v1/incidents')) {
      expect(IncidentReport.parse(request.body)).toBeTruthy();
      expect(request.authorization).toBe('Bearer guard-token');
    }
    for (const request of server.received.filter((r) => r.method === 'PATCH')) IncidentChange.parse(request.body);

    // Ids are unique across accepted batches: no report is ever counted twice.
    const accepted = counts.filter((r) => r.status === 202).flatMap((r) => CountBody.parse(r.body));
    expect(new Set(accepted.map((r) => r.id)).size).toBe(accepted.length);

    const stats = simulator.stats();
    expect(stats.retries).toBe(1);
    expect(stats.sentCounts).toBe(accepted.length);
    expect(stats.incidents).toBeGreaterThan(0);
    expect(logs.some((e) => e.level === 'warn' && /retry 1/.test(e.msg))).toBe(true);
    expect(logs.filter((e) => e.level === 'error')).toEqual([]);

    await new Promise((r) => setTimeout(r, 100));
    expect(server.received.length).toBe(afterStop); // the loop has ended
  });

  it('survives a server that is down and stops promptly', async () => {
    const logs: SimulatorLogEvent[] = [];
    // Port 9 (discard) refuses connections; one attempt per batch keeps the test fast.
    const simulator = startSimulator({ baseUrl: 'http://127.0.0.1:9', deviceKey: 'k', venue, tickMs: 20, attempts: 1, log: (e) => logs.push(e) });
    await until(() => logs.filter((e) => /dropped/.test(e.msg)).length >= 3);
    const began = Date.now();
    await simulator.stop();
    expect(Date.now() - began).toBeLessThan(1000);
    expect(simulator.stats().sentCounts).toBe(0);
    expect(logs.filter((e) => e.level === 'error')).toEqual([]);
  });
});
