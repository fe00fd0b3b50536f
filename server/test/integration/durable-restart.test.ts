/**
 * What a restart of a one-machine server keeps (DATA_DIR): everything a screen, a manager or an admin
 * saw before it, read back through the public API from a new process on the same directory.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server-process.ts';

function jpeg(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
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
    expect((await api.post('/api/v1/checkins', { id: uniqueId('keep'), stand: venue.stands[0]!.id, badge: 'V-7', at }, server.deviceKey)).status).toBe(202);
    const incident = (await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'medical', severity: 'high', description: 'Malaise', zone: gate.to }, security)).body;
    expect((await api.post(`/api/v1/incidents/${incident.id}/notes`, { id: randomUUID(), text: 'Secouristes prévenus' }, operations)).status).toBe(201);
    const image = jpeg(50 * 1024);
    const photo = await fetch(new URL(`/api/v1/incidents/${incident.id}/photo`, server.url), { method: 'PUT', headers: { authorization: `Bearer ${security}`, 'content-type': 'image/jpeg' }, body: new Uint8Array(image) });
    expect(photo.status).toBe(200);
    expect((await api.post(`/api/v1/zones/${gate.to}/recount`, { count: 50, note: 'compté' }, operations)).status).toBe(200);
    const before = {
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
    expect({ ...after, seq: 0, at: '' }).toEqual({ ...before.stats, seq: 0, at: '' });
    expect((await api.get<{ incidents: Incident[] }>('/api/v1/incidents', manager)).body.incidents.find((candidate) => candidate.id === incident.id)).toEqual(before.incident);
    const fetched = await fetch(new URL(`/api/v1/incidents/${incident.id}/photo`, server.url), { headers: { authorization: `Bearer ${manager}` } });
    expect(Buffer.from(await fetched.arrayBuffer()).equals(image)).toBe(true);
    expect((await api.get('/api/v1/audit?limit=50', admin)).body).toEqual(before.audit);
    expect((await api.get('/api/v1/reports/days', manager)).body).toEqual(before.days);
    expect((await api.get('/api/v1/replay/day', operations)).body).toEqual(before.timeline);

    // Retries after the restart count once; the device's running totals go on from where they were.
    expect((await api.post('/api/v1/counts', [plain, totals], server.deviceKey)).body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect((await api.post('/api/v1/counts', { ...totals, id: uniqueId('keep'), inTotal: 104, outTotal: 10 }, server.deviceKey)).body).toMatchObject({ accepted: 1 });
    const gateAfter = (await api.get<Snapshot>('/api/v1/stats', operations)).body.gates[gate.id]!;
    expect(gateAfter.inToday).toBe(before.stats.gates[gate.id]!.inToday + 4);
  }, 60_000);
});
