import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport, Snapshot, VenueClock } from '@fairwatch/protocol';
import { venueDay } from '@fairwatch/venue/venue-time';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

const now = () => new Date().toISOString();

describe.each(storeModes)('ingest in $name mode', (mode) => {
  let api: ApiClient;
  let deviceKey: string;
  let staff: string;
  let manager: string;
  let venue: Venue;
  let stop: () => Promise<void>;
  let entrance: Venue['gates'][number];
  let internal: Venue['gates'][number];

  beforeAll(async () => {
    const started = await mode.start();
    stop = started.stop;
    api = new ApiClient(started.server.url);
    deviceKey = started.server.deviceKey;
    staff = await api.login('operations', started.server.password);
    manager = await api.login('manager', started.server.password);
    venue = (await api.get<Venue>('/api/v1/venue', staff)).body;
    entrance = venue.gates.find((gate) => gate.from === null && gate.to !== null)!;
    internal = venue.gates.find((gate) => gate.from !== null && gate.to !== null)!;
  });
  afterAll(() => stop?.());

  const stats = async () => (await api.get<Snapshot>('/api/v1/stats', staff)).body;
  const count = (gate: string, inCount: number, outCount: number, id = uniqueId()) => ({ id, gate, in: inCount, out: outCount, at: now() });

  it('counts people who come in through an entrance and shows them inside', async () => {
    const before = await stats();
    const answer = await api.post('/api/v1/counts', count(entrance.id, 12, 2), deviceKey);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 1, duplicates: 0 });
    const after = await stats();
    expect(after.totals.inside - before.totals.inside).toBe(10);
    expect(after.totals.entriesToday - before.totals.entriesToday).toBe(12);
    expect(after.totals.exitsToday - before.totals.exitsToday).toBe(2);
    expect(after.zones[entrance.to!]!.occupancy - before.zones[entrance.to!]!.occupancy).toBe(10);
    expect(after.gates[entrance.id]).toMatchObject({ inToday: before.gates[entrance.id]!.inToday + 12, online: true });
    expect(after.gates[entrance.id]!.lastReportAt).not.toBeNull();
    expect(after.totals.peakInside).toBeGreaterThanOrEqual(after.totals.inside);
    expect(after.seq).toBeGreaterThan(before.seq);
  });

  it('counts a retried report once', async () => {
    const report = count(entrance.id, 5, 0);
    await api.post('/api/v1/counts', report, deviceKey);
    const before = await stats();
    const retry = await api.post('/api/v1/counts', [report, report], deviceKey);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ accepted: 0, duplicates: 2 });
    expect((await stats()).totals).toEqual(before.totals);
  });

  it('moves people between zones on an internal counting line without changing inside', async () => {
    await api.post('/api/v1/counts', count(entrance.id, 30, 0), deviceKey);
    // Fill the internal line's source zone so the move is not clamped.
    const feeder = venue.gates.find((gate) => gate.from === null && gate.to === internal.from);
    if (feeder) await api.post('/api/v1/counts', count(feeder.id, 20, 0), deviceKey);
    const before = await stats();
    const from = before.zones[internal.from!]!.occupancy;
    const moved = Math.min(4, from);
    expect(moved).toBeGreaterThan(0);
    await api.post('/api/v1/counts', count(internal.id, moved, 0), deviceKey);
    const after = await stats();
    expect(after.totals.inside).toBe(before.totals.inside);
    expect(after.totals.entriesToday).toBe(before.totals.entriesToday);
    expect(after.zones[internal.from!]!.occupancy).toBe(from - moved);
    expect(after.zones[internal.to!]!.occupancy).toBe(before.zones[internal.to!]!.occupancy + moved);
  });

  it('holds a zone at zero when a count would take it below', async () => {
    const before = await stats();
    const zone = internal.to!;
    const occupancy = before.zones[zone]!.occupancy;
    await api.post('/api/v1/counts', count(internal.id, 0, occupancy + 50), deviceKey);
    const after = await stats();
    expect(after.zones[zone]!.occupancy).toBe(0);
    expect(after.zones[internal.from!]!.occupancy).toBe(before.zones[internal.from!]!.occupancy + occupancy + 50);
    for (const figures of Object.values(after.zones)) expect(figures.occupancy).toBeGreaterThanOrEqual(0);
  });

  it('applies nothing of a batch with an unknown gate (422)', async () => {
    const before = await stats();
    const answer = await api.post('/api/v1/counts', [count(entrance.id, 3, 0), count('no-such-gate', 1, 0)], deviceKey);
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('unknown_reference');
    expect(answer.body.error.details).toEqual([expect.objectContaining({ path: '1.gate' })]);
    expect((await stats()).totals).toEqual(before.totals);
  });

  it('applies nothing of a batch with a malformed item and names the bad field (400)', async () => {
    const before = await stats();
    const answer = await api.post('/api/v1/counts', [count(entrance.id, 3, 0), { ...count(entrance.id, 1, 0), in: -1 }], deviceKey);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_request');
    expect(answer.body.error.details.map((d: { path: string }) => d.path)).toContain('1.in');
    const single = await api.post('/api/v1/counts', { ...count(entrance.id, 1, 0), at: 'yesterday' }, deviceKey);
    expect(single.body.error.details.map((d: { path: string }) => d.path)).toEqual(['at']);
    expect((await stats()).totals).toEqual(before.totals);
  });

  it.each([
    ['an empty array', []],
    ['a batch over 1000', Array.from({ length: 1001 }, () => ({ id: 'x', gate: 'g', in: 1, out: 0, at: '2022-10-15T10:00:00Z' }))],
    ['a fractional count', { id: 'x', gate: 'g', in: 1.5, out: 0, at: '2022-10-15T10:00:00Z' }],
    ['an id over 128 characters', { id: 'x'.repeat(129), gate: 'g', in: 1, out: 0, at: '2022-10-15T10:00:00Z' }],
    ['a string', 'hello'],
    ['null', null],
  ])('refuses %s with 400', async (_label, body) => {
    const answer = await api.post('/api/v1/counts', body, deviceKey);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_request', message: expect.any(String) });
  });

  it('answers malformed JSON with 400 and a body over 1 MB with 413', async () => {
    const malformed = await api.request('POST', '/api/v1/counts', { token: deviceKey, raw: '{"id": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_request');
    const huge = await api.request('POST', '/api/v1/counts', { token: deviceKey, raw: JSON.stringify({ pad: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
  });

  it('takes reports only from devices', async () => {
    const report = count(entrance.id, 1, 0);
    expect((await api.post('/api/v1/counts', report)).status).toBe(401);
    expect((await api.post('/api/v1/counts', report, 'wrong-key')).status).toBe(401);
    const asStaff = await api.post('/api/v1/counts', report, staff);
    expect(asStaff.status).toBe(403);
    expect(asStaff.body.error.code).toBe('forbidden');
  });

  it('counts check-ins today and in the last 15 minutes, once per id', async () => {
    const stand = venue.stands[0]!.id;
    const before = (await stats()).stands[stand]!;
    const recent = { id: uniqueId('c'), stand, badge: 'V-1', at: now() };
    const older = { id: uniqueId('c'), stand, at: new Date(Date.now() - 20 * 60_000).toISOString() };
    const answer = await api.post('/api/v1/checkins', [recent, older], deviceKey);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: 2, duplicates: 0 });
    expect((await api.post('/api/v1/checkins', recent, deviceKey)).body).toEqual({ accepted: 0, duplicates: 1 });
    const after = (await stats()).stands[stand]!;
    expect(after.checkinsLast15m - before.checkinsLast15m).toBe(1);
    // The older one counts today unless it fell on yesterday in the venue's time zone (just after midnight).
    const venueDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: venue.timezone }).format(d);
    const olderIsToday = venueDay(new Date(older.at)) === venueDay(new Date());
    expect(after.checkinsToday - before.checkinsToday).toBe(olderIsToday ? 2 : 1);
  });

  it('refuses a check-in at an unknown stand with 422 and applies nothing', async () => {
    const answer = await api.post('/api/v1/checkins', [{ id: uniqueId('c'), stand: venue.stands[1]!.id, at: now() }, { id: uniqueId('c'), stand: 'nope', at: now() }], deviceKey);
    expect(answer.status).toBe(422);
    expect(answer.body.error.details[0].path).toBe('1.stand');
  });

  it('puts a report of yesterday on yesterday, not today', async () => {
    const before = await stats();
    const yesterday = new Date(Date.now() - 26 * 3600_000).toISOString();
    await api.post('/api/v1/counts', { ...count(entrance.id, 9, 0), at: yesterday }, deviceKey);
    const after = await stats();
    expect(after.totals.entriesToday).toBe(before.totals.entriesToday);
    expect(after.totals.inside).toBe(before.totals.inside + 9);
  });

  it('refuses reports dated more than 5 minutes in the future (422 clock_skew), applying nothing', async () => {
    const before = await stats();
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const answer = await api.post('/api/v1/counts', [count(entrance.id, 2, 0), { ...count(entrance.id, 1, 0), at: future }], deviceKey);
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'clock_skew', details: [{ path: '1.at' }] });
    const nearFuture = new Date(Date.now() + 60_000).toISOString();
    expect((await api.post('/api/v1/counts', { ...count(entrance.id, 0, 0), at: nearFuture }, deviceKey)).status).toBe(202);
    const checkin = await api.post('/api/v1/checkins', { id: uniqueId('c'), stand: venue.stands[0]!.id, at: future }, deviceKey);
    expect(checkin.body.error).toMatchObject({ code: 'clock_skew', details: [{ path: 'at' }] });
    expect((await stats()).totals.entriesToday).toBe(before.totals.entriesToday);
  });

  it('turns running totals since power-on into increments (an extension)', async () => {
    // The reports go back a minute: counted by the venue days they fall on, so that a run just after
    // midnight (some reports on yesterday) checks the same sums.
    const { timezone } = (await api.get<VenueClock>('/api/v1/clock', staff)).body;
    const days = [...new Set([venueDay(new Date(Date.now() - 120_000), timezone), venueDay(new Date(), timezone)])];
    const dayTotals = async () => {
      const reports = await Promise.all(days.map(async (day) => (await api.get<DailyReport>(`/api/v1/reports/daily/${day}`, manager)).body.totals));
      return { entries: reports.reduce((sum, totals) => sum + totals.entries, 0), exits: reports.reduce((sum, totals) => sum + totals.exits, 0) };
    };
    const before = await dayTotals();
    const device = uniqueId('counter');
    const totals = (inTotal: number, outTotal: number, secondsAgo: number) => ({
      id: uniqueId(), gate: entrance.id, device, inTotal, outTotal, at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    });
    await api.post('/api/v1/counts', [totals(10, 1, 50), totals(30, 4, 40)], deviceKey);
    await api.post('/api/v1/counts', totals(5, 0, 30), deviceKey); // a power cycle
    const answer = await api.post('/api/v1/counts', totals(25, 2, 60), deviceKey); // late, older than all
    expect(answer.body).toEqual({ accepted: 1, duplicates: 0 });
    const after = await dayTotals();
    expect(after.entries - before.entries).toBe(35);
    expect(after.exits - before.exits).toBe(4);
    const bad = await api.post('/api/v1/counts', { ...totals(1, 1, 0), inTotal: -3 }, deviceKey);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'inTotal' })]);
  });
});
