/**
 * What a restart of a one-machine server keeps (DATA_DIR): everything a screen, a manager or an admin
 * saw before it, read back through the public API from a new process on the same directory.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import sharp from 'sharp';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { STAFF_PASSWORD, writeAccountsFixture } from '../support/accounts-fixture.ts';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server-process.ts';

/** A real JPEG (the server re-encodes photos, so it must decode). */
function jpeg(side: number): Promise<Buffer> {
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 251;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

describe('a restart of the server on the same DATA_DIR', () => {
  const env = { DATA_DIR: temporaryDataDir(), RATE_LIMIT: 'off', GATE_OFFLINE_MS: '600000' };
  let server: ServerProcess;
  afterAll(() => server?.stop());

  it('keeps figures, gate state, running totals, ids, incidents with notes and photos, sessions, audit, roll-ups and the replay log', async () => {
    server = await startServer({ env });
    let api = new ApiClient(server.url);
    const password = server.password;
    const [operations, security, manager, admin] = await Promise.all(['operations', 'security', 'manager', 'admin'].map((role) => api.login(role as 'admin', password)));
    const venue = (await api.get<Venue>('/api/v1/venue', operations)).body;
    const gate = venue.gates.find((candidate) => candidate.from === null)!;
    const at = new Date().toISOString();
    const plain = { id: uniqueId('keep'), gate: gate.id, in: 9, out: 2, at };
    const totals = { id: uniqueId('keep'), gate: gate.id, device: 'counter-1', inTotal: 100, outTotal: 10, at };
    expect((await api.post('/api/v1/counts', [plain, totals], server.deviceKey)).status).toBe(202);
    // The same badge twice at a stand within minutes: one repeat in the stand's figures.
    const scan = () => ({ id: uniqueId('keep'), stand: venue.stands[0]!.id, badge: 'V-7', at });
    expect((await api.post('/api/v1/checkins', [scan(), scan()], server.deviceKey)).status).toBe(202);
    const exit = venue.gates.find((candidate) => candidate.to === null && candidate.id !== gate.id) ?? venue.gates.find((candidate) => candidate.id !== gate.id)!;
    expect((await api.post(`/api/v1/gates/${exit.id}/close`, { note: 'porte bloquée' }, operations)).status).toBe(200);
    const incident = (await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'medical', severity: 'high', description: 'Malaise', zone: gate.to }, security)).body;
    expect((await api.post(`/api/v1/incidents/${incident.id}/notes`, { id: randomUUID(), text: 'Secouristes prévenus' }, operations)).status).toBe(201);
    const image = await jpeg(120);
    const photo = await fetch(new URL(`/api/v1/incidents/${incident.id}/photo`, server.url), { method: 'PUT', headers: { authorization: `Bearer ${security}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(image) });
    expect(photo.status).toBe(200);
    expect((await api.post(`/api/v1/zones/${gate.to}/recount`, { count: 50, note: 'compté' }, operations)).status).toBe(200);
    const storedPhoto = async (token: string | undefined) => Buffer.from(await (await fetch(new URL(`/api/v1/incidents/${incident.id}/photo`, server.url), { headers: { authorization: `Bearer ${token}` } })).arrayBuffer());
    const before = {
      photo: await storedPhoto(manager),
      stats: (await api.get<Snapshot>('/api/v1/stats', operations)).body,
      incident: (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', manager)).body.incidents.find((candidate) => candidate.id === incident.id),
      audit: (await api.get('/api/v1/audit?limit=50', admin)).body,
      days: (await api.get('/api/v1/reports/days', manager)).body,
      timeline: (await api.get('/api/v1/replay/day', operations)).body,
    };

    await server.stop();
    server = await startServer({ env });
    api = new ApiClient(server.url);

    // Signed-in screens go on without signing in again.
    for (const token of [operations, security, manager, admin]) expect((await api.get('/api/v1/session', token)).status).toBe(200);
    const after = (await api.get<Snapshot>('/api/v1/stats', operations)).body;
    // Figures over a sliding window of the clock (gate flow, forecasts) may move on during the restart.
    const settled = (stats: Snapshot) => JSON.parse(JSON.stringify({ ...stats, seq: 0, at: '' }, (key, value) => (['flow1m', 'flow5m', 'levelOfService', 'forecast'].includes(key) ? undefined : value)));
    expect(settled(after)).toEqual(settled(before.stats));
    // The last minutes' crossings were kept: the entrance (with a width) still shows its flow.
    expect(gate.widthM).toBeGreaterThan(0);
    expect(after.gates[gate.id]!.flow5m).toBeGreaterThan(0);
    expect((await api.get<{ incidents: Incident[] }>('/api/v1/incidents', manager)).body.incidents.find((candidate) => candidate.id === incident.id)).toEqual(before.incident);
    expect(before.photo.length).toBeGreaterThan(1000);
    expect((await storedPhoto(manager)).equals(before.photo)).toBe(true);
    // What the figures above hold, named: the closed gate and the stand's repeat.
    expect(after.gates[exit.id]).toMatchObject({ closed: true });
    expect(after.stands[venue.stands[0]!.id]).toMatchObject({ repeatsToday: 1 });
    expect((await api.get('/api/v1/audit?limit=50', admin)).body).toEqual(before.audit);
    expect((await api.get('/api/v1/reports/days', manager)).body).toEqual(before.days);
    expect((await api.get('/api/v1/replay/day', operations)).body).toEqual(before.timeline);

    // Retries after the restart count once; the device's running totals go on from where they were.
    expect((await api.post('/api/v1/counts', [plain, totals], server.deviceKey)).body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect((await api.post('/api/v1/counts', { ...totals, id: uniqueId('keep'), inTotal: 104, outTotal: 10 }, server.deviceKey)).body).toMatchObject({ accepted: 1 });
    const gateAfter = (await api.get<Snapshot>('/api/v1/stats', operations)).body.gates[gate.id]!;
    expect(gateAfter.inToday).toBe(before.stats.gates[gate.id]!.inToday + 4);
  }, 60_000);

  it('keeps production sessions without SESSION_SECRET: the key is made once and kept in DATA_DIR', async () => {
    const accounts = await writeAccountsFixture([]);
    const production = { DATA_DIR: temporaryDataDir(), NODE_ENV: 'production', ALLOW_HTTP: '1', ACCOUNTS_FILE: accounts.path, DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '' };
    let prod = await startServer({ env: production });
    try {
      const token = (await new ApiClient(prod.url).post<{ token: string }>('/api/v1/login', { username: 'operations-1', password: STAFF_PASSWORD })).body.token;
      expect(token).toBeTruthy();
      await prod.stop();
      prod = await startServer({ env: production });
      expect((await new ApiClient(prod.url).get('/api/v1/session', token)).status).toBe(200);
      // SIGKILL too: the key was on disk before the first answer.
      await prod.kill();
      prod = await startServer({ env: production });
      expect((await new ApiClient(prod.url).get('/api/v1/session', token)).status).toBe(200);
    } finally {
      await prod.stop();
    }
  }, 60_000);

  it('keeps the demo password and device key it made up, so that a restarted demo keeps its screens and phones', async () => {
    const demo = { DATA_DIR: temporaryDataDir(), DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '', RATE_LIMIT: 'off' };
    const logged = (started: ServerProcess) => started.logs.find((entry) => String(entry.msg).startsWith('demo credentials')) as { password: string; deviceKey: string } | undefined;
    // Logged right after the server says it listens.
    const madeUp = async (started: ServerProcess) => {
      await expect.poll(() => logged(started)).toBeDefined();
      const { password, deviceKey } = logged(started)!;
      return { password, deviceKey };
    };
    let first = await startServer({ env: demo });
    try {
      const credentials = await madeUp(first);
      expect(credentials.password.length).toBeGreaterThanOrEqual(12);
      const token = await new ApiClient(first.url).login('operations', credentials.password);
      await first.stop();
      first = await startServer({ env: demo });
      expect(await madeUp(first)).toEqual(credentials);
      const api = new ApiClient(first.url);
      expect((await api.get('/api/v1/session', token)).status).toBe(200);
      const venue = (await api.get<Venue>('/api/v1/venue', token)).body;
      expect((await api.post('/api/v1/counts', { id: uniqueId('demo'), gate: venue.gates[0]!.id, in: 1, out: 0, at: new Date().toISOString() }, credentials.deviceKey)).status).toBe(202);
    } finally {
      await first.stop();
    }
    // Another data directory, another made-up password: nothing is shared between demos.
    const other = await startServer({ env: { ...demo, DATA_DIR: temporaryDataDir() } });
    try {
      expect((await madeUp(other)).password).not.toBe((await madeUp(first)).password);
    } finally {
      await other.stop();
    }
  }, 60_000);
});
