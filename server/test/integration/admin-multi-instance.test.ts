import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@fairwatch/protocol';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { DashboardClient, until } from '../support/dashboard-client.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const count = (gate = 'main-gate') => ({ id: uniqueId(), gate, in: 1, out: 0, at: new Date().toISOString() });

/** Two instances on one Redis: what an admin does on A holds on B at once (issue 16). */
describe.runIf(redisAvailable())('venue and accounts across instances (Redis)', () => {
  let redis: TestRedis;
  let servers: ServerProcess[];
  let a: ApiClient;
  let b: ApiClient;
  let adminOnA: string;
  beforeAll(async () => {
    redis = await TestRedis.start();
    const env = { REDIS_URL: redis.url, SESSION_SECRET: 'a-shared-session-secret-of-32-characters-or-more' };
    // One after the other: the second finds the seeded version 1 and the accounts.
    servers = [await startServer({ env }), await startServer({ env })];
    [a, b] = servers.map((server) => new ApiClient(server.url)) as [ApiClient, ApiClient];
    adminOnA = await a.login('admin', servers[0]!.password);
  });
  afterAll(async () => {
    await Promise.all(servers?.map((server) => server.stop()) ?? []);
    await redis?.stop();
  });

  it('publishes on A and a socket on B hears venue:updated, then reads the new version from B', async () => {
    const onB = new DashboardClient(servers[1]!.url, await b.login('operations' as Role, servers[1]!.password));
    await onB.ready;
    const updated = new Promise<{ version: number }>((resolve) => onB.socket.once('venue:updated', resolve));
    const snapshotsBefore = onB.snapshots;
    const published = await a.request('PUT', '/api/v1/venue', { body: tinyVenue, token: adminOnA, headers: { 'If-Match': '"1"' } });
    expect(published.status).toBe(200);
    expect(await updated).toEqual({ version: 2 });
    const venue = await b.get('/api/v1/venue', adminOnA);
    expect(venue.headers.get('x-venue-version')).toBe('2');
    expect(venue.body).toEqual(tinyVenue);
    // B counts on the new gates and sends a whole snapshot of the new zones.
    expect((await b.post('/api/v1/counts', count('door'), servers[1]!.deviceKey)).status).toBe(202);
    await until(() => onB.snapshots > snapshotsBefore && Object.keys(onB.state?.zones ?? {}).sort().join() === 'hall,stage', 5_000, 'a snapshot of the new zones on B');
    onB.close();
  });

  it('lets a user added on A sign in on B at once, and a session from A work on B at once', async () => {
    expect((await a.post('/api/v1/admin/users', { username: 'steward-new', role: 'steward', password: 'steward-password' }, adminOnA)).status).toBe(201);
    const signedIn = await b.post('/api/v1/login', { username: 'steward-new', password: 'steward-password' });
    expect(signedIn.status).toBe(200);
    expect((await a.post('/api/v1/admin/users', { username: 'manager-new', role: 'manager', password: 'manager-password' }, adminOnA)).status).toBe(201);
    const onA = (await a.post('/api/v1/login', { username: 'manager-new', password: 'manager-password' })).body.token as string;
    expect((await b.get('/api/v1/session', onA)).status).toBe(200);
    // A reset on A ends it on B too.
    expect((await a.patch('/api/v1/admin/users/manager-new', { password: 'manager-password-2' }, adminOnA)).status).toBe(200);
    await until(async () => (await b.get('/api/v1/session', onA)).status === 401, 2_000, 'the session refused on B');
    expect((await b.post('/api/v1/login', { username: 'manager-new', password: 'manager-password-2' })).status).toBe(200);
  });

  it('accepts a device key made on A on B at once, and refuses it on B once revoked on A', async () => {
    const made = await a.post('/api/v1/admin/devices', { id: 'door-counter', gates: ['door'] }, adminOnA);
    expect(made.status).toBe(201);
    expect((await b.post('/api/v1/counts', count('door'), made.body.key)).status).toBe(202);
    expect((await a.request('DELETE', '/api/v1/admin/devices/door-counter', { token: adminOnA })).status).toBe(204);
    await until(async () => (await b.post('/api/v1/counts', count('door'), made.body.key)).status === 401, 1_000, 'the revoked key refused on B');
  });
});
