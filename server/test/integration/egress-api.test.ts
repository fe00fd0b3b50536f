import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, Delta, ServerToClientEvents, Snapshot, WhatIfAnswer } from '@fairwatch/protocol';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

/** Gate flow, time to clear, closures and what-if (issue 18), against the bundled Fes venue. */
describe.each(storeModes)('crowd flow and egress API in $name mode', (mode) => {
  let api: ApiClient;
  let operations: string;
  let security: string;
  let admin: string;
  let deviceKey: string;
  let password: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await mode.start({ GATE_OFFLINE_MS: '600000' });
    stop = started.stop;
    api = new ApiClient(started.server.url);
    deviceKey = started.server.deviceKey;
    password = started.server.password;
    [operations, security, admin] = (await Promise.all((['operations', 'security', 'admin'] as const).map((user) => api.login(user, started.server.password)))) as [string, string, string];
  });
  afterAll(() => stop?.());

  const stats = async () => (await api.get<Snapshot>('/api/v1/stats', operations)).body;
  const count = (gate: string, inCount: number, outCount = 0) => api.post('/api/v1/counts', { id: uniqueId('flow'), gate, in: inCount, out: outCount, at: new Date().toISOString() }, deviceKey);
  const whatIf = (blocked: string[], token = operations) => api.post<WhatIfAnswer>('/api/v1/egress/what-if', { blocked }, token);

  it('shows flow per metre and its level of service at a gate, the time to clear and the forecast in /stats and in deltas', async () => {
    const before = await stats();
    expect(before.gates['main-gate']).toMatchObject({ flow1m: 0, flow5m: 0, levelOfService: 'A', closed: false });
    expect(before.egress).toEqual({ floorMinutes: 0, targetMinutes: 8, exitFlowRate: 82, zonesOverTarget: 0, closedGates: 0 });
    expect(Object.keys(before.forecast ?? {})).toContain('products-pole');

    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(api.baseUrl, { auth: { token: operations }, transports: ['websocket'] });
    const deltas: Delta[] = [];
    socket.on('delta', (delta) => deltas.push(delta));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    try {
      // 600 people through the 6 m main gate within a minute: 100 persons/m/min, level F.
      expect((await count('main-gate', 600)).status).toBe(202);
      const after = await stats();
      expect(after.gates['main-gate']).toMatchObject({ flow1m: 100, levelOfService: 'F', closed: false });
      expect(after.gates['main-gate']!.flow5m).toBe(20);
      // 600 people in the plaza, out through the 6 m main gate (and the promenade's 4 m gate): 600 / (10 x 82) = 0.7 min.
      expect(after.zones['entrance-plaza']?.timeToClearMin).toBe(0.7);
      expect(after.egress?.floorMinutes).toBe(0.7);
      await expect.poll(() => deltas.some((delta) => delta.gates?.['main-gate']?.levelOfService === 'F' && delta.egress?.floorMinutes === 0.7)).toBe(true);
    } finally {
      socket.close();
    }
  });

  it('answers a what-if for blocked exits without changing the live figures', async () => {
    const live = await stats();
    const answer = await whatIf(['main-gate']);
    expect(answer.status).toBe(200);
    expect(answer.body.blocked).toEqual(['main-gate']);
    // Only the 4 m second gate is left: 600 / (4 x 82) = 1.8 min.
    expect(answer.body.floorMinutes).toBe(1.8);
    expect(answer.body.liveFloorMinutes).toBe(live.egress?.floorMinutes);
    expect(answer.body.zones['entrance-plaza']).toMatchObject({ timeToClearMin: 1.8, liveMin: 0.7, overTarget: false });
    const both = await whatIf(['main-gate', 'second-gate'], security);
    expect(both.body).toMatchObject({ floorMinutes: null });
    expect(both.body.zones['entrance-plaza']).toMatchObject({ timeToClearMin: null, overTarget: true });
    const after = await stats();
    expect(after.gates['main-gate']?.closed).toBe(false);
    expect(after.egress).toEqual(live.egress);
    const times = (figures: Snapshot) => Object.fromEntries(Object.entries(figures.zones).map(([zone, z]) => [zone, z.timeToClearMin]));
    expect(times(after)).toEqual(times(live));
    expect(Object.values(after.gates).filter((gate) => gate.closed)).toEqual([]);
    // A question, not a change: nothing audited.
    expect(JSON.stringify((await api.get('/api/v1/audit?limit=50', admin)).body)).not.toContain('main-gate');
  });

  it('refuses what-if questions naming unknown gates or malformed', async () => {
    const unknown = await api.post('/api/v1/egress/what-if', { blocked: ['main-gate', 'nowhere'] }, operations);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_reference', details: [{ path: 'blocked.1' }] });
    expect((await api.post('/api/v1/egress/what-if', { blocked: 'main-gate' }, operations)).status).toBe(400);
    expect((await api.post('/api/v1/egress/what-if', { blocked: Array(501).fill('main-gate') }, operations)).status).toBe(400);
    expect((await api.post('/api/v1/egress/what-if', { blocked: [] }, deviceKey)).status).toBe(403);
  });

  it('closes an exit for real (audited, idempotent) so that the figures leave it out until it is reopened', async () => {
    expect((await api.post('/api/v1/gates/main-gate/close', {}, security)).status).toBe(403);
    expect((await api.post('/api/v1/gates/nowhere/close', {}, operations)).status).toBe(404);
    expect((await api.post('/api/v1/gates/main-gate/close', { note: '' }, operations)).status).toBe(400);
    const closed = await api.post('/api/v1/gates/main-gate/close', { note: 'livraison devant la porte' }, operations);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ gate: 'main-gate', closed: true, by: 'operations', note: 'livraison devant la porte' });
    const repeat = await api.post('/api/v1/gates/main-gate/close', { note: 'again' }, operations);
    expect(repeat.body).toEqual(closed.body);
    const figures = await stats();
    expect(figures.gates['main-gate']?.closed).toBe(true);
    expect(figures.egress).toMatchObject({ floorMinutes: 1.8, closedGates: 1 });
    expect(figures.zones['entrance-plaza']?.timeToClearMin).toBe(1.8);
    // What-if answers start from the live closures.
    expect((await whatIf([])).body).toMatchObject({ blocked: ['main-gate'], floorMinutes: 1.8 });

    // The socket command reopens it, for operations only.
    const connect = (token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> =>
      new Promise((resolve, reject) => {
        const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(api.baseUrl, { auth: { token }, transports: ['websocket'] });
        socket.once('snapshot', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    const [guard, desk] = await Promise.all([connect(security), connect(operations)]);
    try {
      expect(await guard.emitWithAck('gate:reopen', { gate: 'main-gate' })).toMatchObject({ error: { code: 'forbidden' } });
      expect(await desk.emitWithAck('gate:reopen', { gate: 42 } as never)).toMatchObject({ error: { code: 'invalid_request' } });
      expect(await desk.emitWithAck('gate:reopen', { gate: 'main-gate' })).toEqual({ data: { gate: 'main-gate', closed: false, closedAt: null, by: null } });
    } finally {
      guard.close();
      desk.close();
    }
    const reopened = await stats();
    expect(reopened.gates['main-gate']?.closed).toBe(false);
    expect(reopened.egress).toMatchObject({ floorMinutes: 0.7, closedGates: 0 });
    const audit = JSON.stringify((await api.get('/api/v1/audit?limit=50', admin)).body);
    expect(audit).toContain('gate.close');
    expect(audit).toContain('gate.reopen');
  });

  it("gives managers the day's worst gate flow and time to clear, with when, live and in the daily report", async () => {
    const manager = await api.login('manager', password);
    const live = await api.get<{ day: string; crowdSafety: { worstGateFlow: { gate: string; flowPerMetreMinute: number; levelOfService: string; at: string }; worstTimeToClear: { minutes: number; at: string } } }>('/api/v1/reports/live', manager);
    expect(live.status).toBe(200);
    // The 600 people of the first test crossed the 6 m main gate within one minute.
    expect(live.body.crowdSafety.worstGateFlow).toMatchObject({ gate: 'main-gate', levelOfService: 'F' });
    expect(live.body.crowdSafety.worstGateFlow.flowPerMetreMinute).toBeGreaterThanOrEqual(100);
    expect(Date.parse(live.body.crowdSafety.worstGateFlow.at)).toBeLessThanOrEqual(Date.now());
    expect(live.body.crowdSafety.worstTimeToClear.minutes).toBeGreaterThanOrEqual(0.7);
    const daily = await api.get<{ crowdSafety: unknown }>(`/api/v1/reports/daily/${live.body.day}`, manager);
    expect(daily.body.crowdSafety).toEqual(live.body.crowdSafety);
    const csv = await api.get<string>(`/api/v1/reports/daily/${live.body.day}?format=csv&lang=en`, manager);
    expect(String(csv.body)).toContain('Worst gate flow (persons/m/min)');
  });
});
