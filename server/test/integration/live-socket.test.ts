import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { applyDelta, type ClientToServerEvents, type Delta, type Incident, type ServerToClientEvents, type Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { randomUUID } from 'node:crypto';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A dashboard as the contract describes it: a snapshot, then deltas applied in seq order. */
function follow(url: string, token: string) {
  const socket: Client = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
  const deltas: Delta[] = [];
  const incidents: Incident[] = [];
  let state: Snapshot | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('snapshot', (snapshot) => {
      state = snapshot;
      resolve();
    });
    socket.once('connect_error', reject);
  });
  socket.on('delta', (delta) => {
    deltas.push(delta);
    if (state && delta.seq === state.seq + 1) state = applyDelta(state, delta);
  });
  socket.on('incident', (incident) => incidents.push(incident));
  return { socket, deltas, incidents, ready, get state() { return state; } };
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(storeModes)('live figures over Socket.IO in $name mode', (mode) => {
  let api: ApiClient;
  let url: string;
  let token: string;
  let deviceKey: string;
  let password: string;
  let venue: Venue;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await mode.start();
    stop = started.stop;
    url = started.server.url;
    api = new ApiClient(url);
    deviceKey = started.server.deviceKey;
    password = started.server.password;
    token = await api.login('operations', started.server.password);
    venue = (await api.get<Venue>('/api/v1/venue', token)).body;
  });
  afterAll(() => stop?.());

  it('refuses a socket without a valid token', async () => {
    const socket: Client = io(url, { auth: { token: 'bad' }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthorized');
    socket.close();
  });

  it('merged deltas equal GET /stats at the same seq', async () => {
    const client = follow(url, token);
    await client.ready;
    const entrance = venue.gates.find((gate) => gate.from === null)!;
    const inner = venue.gates.filter((gate) => gate.from !== null);
    for (let round = 0; round < 5; round++) {
      const batch = [
        { id: uniqueId(), gate: entrance.id, in: 20 + round, out: round, at: new Date().toISOString() },
        ...inner.slice(0, 3).map((gate) => ({ id: uniqueId(), gate: gate.id, in: 3, out: 1, at: new Date().toISOString() })),
      ];
      expect((await api.post('/api/v1/counts', batch, deviceKey)).status).toBe(202);
      const stands = venue.stands.slice(round * 3, round * 3 + 3);
      await api.post('/api/v1/checkins', stands.map((stand) => ({ id: uniqueId('c'), stand: stand.id, at: new Date().toISOString() })), deviceKey);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    const stats = (await api.get<Snapshot>('/api/v1/stats', token)).body;
    await until(() => (client.state?.seq ?? 0) >= stats.seq);
    expect(client.deltas.length).toBeGreaterThan(0);
    expect(client.deltas.map((delta) => delta.seq)).toEqual(client.deltas.map((_, i) => client.deltas[0]!.seq + i));
    expect(client.state).toEqual(stats);
    client.socket.close();
  });

  it('coalesces a burst of reports into few deltas', async () => {
    const client = follow(url, token);
    await client.ready;
    const entrance = venue.gates.find((gate) => gate.from === null)!;
    const posts = Array.from({ length: 40 }, () =>
      api.post('/api/v1/counts', { id: uniqueId(), gate: entrance.id, in: 1, out: 0, at: new Date().toISOString() }, deviceKey),
    );
    await Promise.all(posts);
    const inside = (await api.get<Snapshot>('/api/v1/stats', token)).body.totals.inside;
    await until(() => client.state?.totals.inside === inside);
    // 40 reports within a few ticks: far fewer deltas than reports.
    expect(client.deltas.length).toBeLessThan(40);
    client.socket.close();
  });

  it('sends each incident to every dashboard when it is created and changed', async () => {
    const a = follow(url, token);
    const b = follow(url, token);
    await Promise.all([a.ready, b.ready]);
    const security = await api.login('security', password);
    const id = randomUUID();
    await api.post('/api/v1/incidents', { id, type: 'lost_person', severity: 'medium', description: 'Enfant perdu' }, security);
    await api.patch(`/api/v1/incidents/${id}`, { status: 'acknowledged' }, security);
    await until(() => a.incidents.length >= 2 && b.incidents.length >= 2);
    expect(a.incidents.map((incident) => [incident.id, incident.status])).toEqual([[id, 'open'], [id, 'acknowledged']]);
    expect(b.incidents.map((incident) => incident.status)).toEqual(['open', 'acknowledged']);
    a.socket.close();
    b.socket.close();
  });

  it('answers resync with a fresh snapshot', async () => {
    const client = follow(url, token);
    await client.ready;
    const snapshot = await new Promise<Snapshot>((resolve) => client.socket.emit('resync', resolve));
    const stats = (await api.get<Snapshot>('/api/v1/stats', token)).body;
    expect(snapshot.seq).toBeLessThanOrEqual(stats.seq);
    expect(snapshot.zones).toEqual(client.state!.zones);
    client.socket.close();
  });
});
