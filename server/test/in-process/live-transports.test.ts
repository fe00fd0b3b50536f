import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, ServerToClientEvents } from '@fairwatch/protocol';
import { uniqueId } from '../support/api-client.ts';
import { until } from '../support/dashboard-client.ts';
import { DEVICE_KEY, PASSWORD, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let running: InProcessApp;
let token: string;
beforeAll(async () => {
  running = await startInProcessApp();
  token = await running.api.login('operations', PASSWORD);
});
afterAll(() => running?.close());

function dashboard(transports: Array<'polling' | 'websocket'>, upgrade = true) {
  const socket: Client = io(running.url, { auth: { token }, transports, upgrade, reconnection: false });
  const deltas: Delta[] = [];
  socket.on('delta', (delta) => deltas.push(delta));
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, deltas, ready };
}

async function countAtDoor(inCount: number): Promise<void> {
  const answer = await running.api.post('/api/v1/counts', { id: uniqueId(), gate: 'door', in: inCount, out: 0, at: running.clock.now().toISOString() }, DEVICE_KEY);
  expect(answer.status).toBe(202);
}

const insideOf = (deltas: Delta[]) => deltas.map((delta) => delta.totals?.inside).filter((inside) => inside !== undefined).at(-1);

it('broadcasts every delta through the adapter class, as @socket.io/redis-adapter and state recovery need', async () => {
  // Those adapters are subclasses that override `broadcast`: it must be the class's method that runs,
  // not a replacement on the instance (the fast path removed in issue 12 was one).
  const adapter = running.app.io.of('/').adapter;
  expect(Object.hasOwn(adapter, 'broadcast')).toBe(false);
  const spy = vi.spyOn(Object.getPrototypeOf(adapter) as typeof adapter, 'broadcast');
  try {
    const client = dashboard(['websocket']);
    await client.ready;
    await countAtDoor(3);
    await until(() => client.deltas.length > 0, 5_000, 'a delta');
    const events = spy.mock.calls.map(([packet]) => (packet as { data?: unknown[] }).data?.[0]);
    expect(events).toContain('delta');
    client.socket.close();
  } finally {
    spy.mockRestore();
  }
});

it('delivers broadcasts to long-polling, upgrading and WebSocket clients alike, in order', async () => {
  const polling = dashboard(['polling']);
  const upgrading = dashboard(['polling', 'websocket']);
  const websocket = dashboard(['websocket']);
  const clients = [polling, upgrading, websocket];
  // Counted before the upgrading client's upgrade can have finished: deltas during the upgrade too.
  await Promise.all(clients.map((client) => client.ready));
  const before = (await running.api.get('/api/v1/stats', token)).body.totals.inside as number;
  for (let i = 1; i <= 5; i++) await countAtDoor(i);
  const inside = before + 15;
  for (const client of clients) await until(() => insideOf(client.deltas) === inside, 5_000, 'the last delta');
  for (const client of clients) {
    const seqs = client.deltas.map((delta) => delta.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  }
  expect(polling.socket.io.engine.transport.name).toBe('polling');
  await until(() => upgrading.socket.io.engine.transport.name === 'websocket', 5_000, 'the upgrade');
  await countAtDoor(1);
  for (const client of clients) await until(() => insideOf(client.deltas) === inside + 1, 5_000, 'a delta after the upgrade');
  for (const client of clients) client.socket.close();
});
