import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, ClientToServerEvents, ServerToClientEvents, Snapshot } from '@fairwatch/protocol';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

/** Recount, drift, alerts and their acknowledgement, replay: against the bundled Fes venue (its first entrance's zone). */
describe.each(storeModes)('operations view API in $name mode', (mode) => {
  let api: ApiClient;
  let operations: string;
  let security: string;
  let manager: string;
  let deviceKey: string;
  let password: string;
  let stop: () => Promise<void>;
  let second: ServerProcess | null = null;
  let redisUrl: string | null = null;
  let entrance: { gate: string; zone: string; busyAt: number };

  beforeAll(async () => {
    const started = await mode.start({ GATE_OFFLINE_MS: '600000' });
    stop = started.stop;
    redisUrl = started.redis?.url ?? null;
    api = new ApiClient(started.server.url);
    deviceKey = started.server.deviceKey;
    password = started.server.password;
    [operations, security, manager] = await Promise.all([api.login('operations', password), api.login('security', password), api.login('manager', password)]);
    const venue = (await api.get('/api/v1/venue', operations)).body;
    const gate = venue.gates.find((g: { from: string | null }) => g.from === null);
    const zone = venue.zones.find((z: { id: string }) => z.id === gate.to);
    entrance = { gate: gate.id, zone: zone.id, busyAt: Math.ceil(zone.thresholds.busy * zone.areaM2) };
  });
  afterAll(async () => {
    await second?.stop();
    await stop?.();
  });

  const stats = async () => (await api.get<Snapshot>('/api/v1/stats', operations)).body;
  const post = (inCount: number, outCount = 0) => api.post('/api/v1/counts', { id: uniqueId('ops'), gate: entrance.gate, in: inCount, out: outCount, at: new Date().toISOString() }, deviceKey);

  it('resets a zone from a head count, with an audit entry, keeping inside the sum of the zones', async () => {
    expect((await post(40)).status).toBe(202);
    const answer = await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: 25, note: 'compté à la main' }, operations);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ zone: entrance.zone, after: 25, by: 'operations', note: 'compté à la main' });
    expect(answer.body.before).toBeGreaterThanOrEqual(40);
    const after = await stats();
    expect(after.zones[entrance.zone]).toMatchObject({ occupancy: 25, drift: 0 });
    expect(after.totals.inside).toBe(Object.values(after.zones).reduce((sum, zone) => sum + zone.occupancy, 0));
    // Later counts apply on top of the head count.
    await post(3);
    expect((await stats()).zones[entrance.zone]?.occupancy).toBe(28);
    const audit = await api.get('/api/v1/audit?limit=20', await api.login('admin', password));
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).toContain('zone.recount');
  });

  it('refuses recounts from other roles, for unknown zones and with bad bodies', async () => {
    expect((await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: 1 }, security)).status).toBe(403);
    expect((await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: 1 }, manager)).status).toBe(403);
    expect((await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: 1 }, deviceKey)).status).toBe(403);
    expect((await api.post('/api/v1/zones/nowhere/recount', { count: 1 }, operations)).status).toBe(404);
    const bad = await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: -1 }, operations);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('count');
  });

  it('flags the persons dropped when a zone would go below zero', async () => {
    await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: 0 }, operations);
    await post(0, 6);
    expect((await stats()).zones[entrance.zone]).toMatchObject({ occupancy: 0, drift: 6 });
  });

  it('raises an alert on a surge, lets staff acknowledge it over HTTP or a socket command, and shares it', async () => {
    await post(entrance.busyAt + 5);
    const active = async () => (await api.get<{ alerts: Alert[] }>('/api/v1/alerts?active=true', operations)).body.alerts;
    await expect.poll(async () => (await active()).find((alert) => alert.zone === entrance.zone && alert.kind === 'threshold')?.level, { timeout: 10_000 }).toBe('busy');
    const alert = (await active()).find((candidate) => candidate.zone === entrance.zone && candidate.kind === 'threshold')!;

    expect((await api.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, manager)).status).toBe(403);
    expect((await api.post('/api/v1/alerts/nope/acknowledge', {}, operations)).status).toBe(404);

    // A dashboard acknowledges through the socket; another dashboard hears it.
    const url = api.baseUrl;
    const connect = (token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>> => new Promise((resolve, reject) => {
      const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { auth: { token }, transports: ['websocket'] });
      socket.once('snapshot', () => resolve(socket));
      socket.once('connect_error', reject);
    });
    const [acker, watcher] = await Promise.all([connect(security), connect(manager)]);
    try {
      const heard = new Promise<Alert>((resolve) => watcher.once('alert:acknowledged', resolve));
      const answer = await acker.emitWithAck('alert:acknowledge', { id: alert.id });
      expect(answer).toMatchObject({ data: { id: alert.id, acknowledgedBy: 'security' } });
      expect(await heard).toMatchObject({ id: alert.id, acknowledgedBy: 'security' });
      expect(await watcher.emitWithAck('alert:acknowledge', { id: alert.id })).toMatchObject({ error: { code: 'forbidden' } });
    } finally {
      acker.close();
      watcher.close();
    }
    // A repeat over HTTP keeps the first acknowledgement.
    const repeat = await api.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, operations);
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ acknowledgedBy: 'security' });

    if (redisUrl) {
      // Another instance on the same Redis lists the same alert, acknowledged.
      second = await startServer({ env: { REDIS_URL: redisUrl } });
      const other = new ApiClient(second.url);
      const list = await other.get<{ alerts: Alert[] }>('/api/v1/alerts', await other.login('operations', second.password));
      expect(list.body.alerts.find((candidate) => candidate.id === alert.id)).toMatchObject({ acknowledgedBy: 'security' });
    }
  });

  it('replays the floor at an earlier instant from the durable log', async () => {
    const before = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.post(`/api/v1/zones/${entrance.zone}/recount`, { count: 3 }, operations);
    const then = await api.get(`/api/v1/replay?at=${encodeURIComponent(before)}`, operations);
    expect(then.status).toBe(200);
    expect(then.body.figures.zones[entrance.zone].occupancy).toBeGreaterThan(entrance.busyAt);
    expect(then.body.alerts.some((alert: Alert) => alert.zone === entrance.zone)).toBe(true);
    const now = await api.get(`/api/v1/replay?at=${encodeURIComponent(new Date().toISOString())}`, operations);
    // That the replay agrees with the live figures once past the log cache: server/test/in-process/replay.test.ts.
    expect(now.status).toBe(200);
    const day = await api.get('/api/v1/replay/day', operations);
    expect(day.status).toBe(200);
    expect(day.body.zones[entrance.zone].length).toBe(day.body.minutes.length);
    expect((await api.get('/api/v1/replay?at=yesterday', operations)).status).toBe(400);
  });
});
