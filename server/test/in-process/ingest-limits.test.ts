import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BATCH, type Snapshot } from '@fairwatch/protocol';
import { DEFAULT_RATE_LIMITS } from '../../src/http/rate-limits.ts';
import { MAX_CLOCK_SKEW_MS } from '../../src/services/ingest-service.ts';
import { uniqueId } from '../support/api-client.ts';
import { DEVICE_KEY, PASSWORD, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts';

describe('batch validation', () => {
  let running: InProcessApp;
  let token: string;
  beforeAll(async () => {
    running = await startInProcessApp();
    token = await running.api.login('operations', PASSWORD);
  });
  afterAll(() => running?.close());

  const count = (fields: Record<string, unknown> = {}) => ({ id: uniqueId(), gate: 'door', in: 1, out: 0, at: running.clock.now().toISOString(), ...fields });
  const inside = async () => (await running.api.get<Snapshot>('/api/v1/stats', token)).body.totals.inside;

  it('refuses a whole batch, with the path of each bad item, and applies none of it', async () => {
    const before = await inside();
    const cases: Array<[unknown, number, string, string]> = [
      [[count(), count({ gate: 'nowhere' })], 422, 'unknown_reference', '1.gate'],
      [[count(), count({ at: new Date(running.clock.ms + MAX_CLOCK_SKEW_MS + 1_000).toISOString() })], 422, 'clock_skew', '1.at'],
      [[count(), count({ in: -1 })], 400, 'invalid_request', '1.in'],
      [[count(), { id: uniqueId(), gate: 'door', at: running.clock.now().toISOString() }], 400, 'invalid_request', ''],
      [Array.from({ length: MAX_BATCH + 1 }, () => count()), 400, 'invalid_request', ''],
      [[], 400, 'invalid_request', ''],
    ];
    for (const [body, status, code, path] of cases) {
      const answer = await running.api.post('/api/v1/counts', body, DEVICE_KEY);
      expect(answer.status, JSON.stringify(answer.body)).toBe(status);
      expect(answer.body.error.code).toBe(code);
      expect(answer.body.error.message).toEqual(expect.any(String));
      if (path) expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toContain(path);
    }
    expect(await inside()).toBe(before);
    expect(await running.store.rawStats()).toEqual({ logEntries: 0, ids: 0 });
  });

  it('accepts a batch of MAX_BATCH reports whole, and counts a retry once', async () => {
    const batch = Array.from({ length: MAX_BATCH }, () => count());
    expect((await running.api.post('/api/v1/counts', batch, DEVICE_KEY)).body).toEqual({ accepted: MAX_BATCH, duplicates: 0 });
    expect((await running.api.post('/api/v1/counts', batch, DEVICE_KEY)).body).toEqual({ accepted: 0, duplicates: MAX_BATCH });
  });
});

describe('rate limits', () => {
  let running: InProcessApp;
  beforeAll(async () => {
    running = await startInProcessApp({ rateLimits: { ...DEFAULT_RATE_LIMITS, perDevice: 3 } });
  });
  afterAll(() => running?.close());

  it('answers 429 with Retry-After and the contract error past a device\'s limit, storing nothing', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await running.api.post('/api/v1/counts', { id: `r${i}`, gate: 'door', in: 1, out: 0, at: running.clock.now().toISOString() }, DEVICE_KEY)).status);
    }
    expect(statuses).toEqual([202, 202, 202, 429]);
    const refused = await running.api.post('/api/v1/counts', { id: 'r-last', gate: 'door', in: 1, out: 0, at: running.clock.now().toISOString() }, DEVICE_KEY);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/retry in \d+ s/) });
    expect((await running.store.readFloor('2022-10-15', running.clock.ms)).occupancy).toEqual({ hall: 3 });
  });
});
