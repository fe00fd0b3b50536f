import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@fairwatch/protocol';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { DashboardClient } from '../support/dashboard-client.ts';
import { storeModes } from '../support/modes.ts';
import type { ServerProcess } from '../support/server-process.ts';

const count = () => ({ id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: new Date().toISOString() });
const login = async (api: ApiClient, username: string, password: string) => api.post('/api/v1/login', { username, password });

describe.each(storeModes)('people, sessions, devices and audit ($name store)', (mode) => {
  let server: ServerProcess;
  let stop: () => Promise<void>;
  let api: ApiClient;
  let admin: string;
  beforeAll(async () => {
    ({ server, stop } = await mode.start());
    api = new ApiClient(server.url);
    admin = await api.login('admin', server.password);
  });
  afterAll(() => stop?.());

  it('lists the accounts seeded at start (the demo ones here) with their open sessions, never hashes', async () => {
    const { body } = await api.get('/api/v1/admin/users', admin);
    expect(body.users).toContainEqual({ username: 'admin', role: 'admin', disabled: false, sessions: 1 });
    expect(JSON.stringify(body)).not.toContain('scrypt');
  });

  it('adds a steward who signs in at once; refuses a taken name (409), a short password or a bad role (400)', async () => {
    const added = await api.post('/api/v1/admin/users', { username: 'amina', role: 'steward', password: 'a-long-password' }, admin);
    expect(added.status).toBe(201);
    expect((await login(api, 'amina', 'a-long-password')).status).toBe(200);
    expect((await api.post('/api/v1/admin/users', { username: 'amina', role: 'admin', password: 'another-password' }, admin)).body.error.code).toBe('exists');
    const short = await api.post('/api/v1/admin/users', { username: 'omar', role: 'steward', password: 'short' }, admin);
    expect(short.status).toBe(400);
    expect(short.body.error.details).toEqual([expect.objectContaining({ path: 'password' })]);
    expect((await api.post('/api/v1/admin/users', { username: 'omar', role: 'king', password: 'a-long-password' }, admin)).status).toBe(400);
    const operations = await api.login('operations' as Role, server.password);
    expect((await api.post('/api/v1/admin/users', { username: 'omar', role: 'admin', password: 'a-long-password' }, operations)).status).toBe(403);
    expect((await api.get('/api/v1/admin/users')).status).toBe(401);
  });

  it('ends every session of a user whose password is reset, sockets included', async () => {
    await api.post('/api/v1/admin/users', { username: 'karim', role: 'operations', password: 'karims-first-password' }, admin);
    const token = (await login(api, 'karim', 'karims-first-password')).body.token as string;
    const dashboard = new DashboardClient(server.url, token);
    await dashboard.ready;
    const closed = new Promise((resolve) => dashboard.socket.once('disconnect', resolve));
    const reset = await api.patch('/api/v1/admin/users/karim', { password: 'karims-new-password' }, admin);
    expect(reset.status).toBe(200);
    expect((await api.get('/api/v1/session', token)).status).toBe(401);
    await closed;
    expect((await login(api, 'karim', 'karims-first-password')).status).toBe(401);
    expect((await login(api, 'karim', 'karims-new-password')).status).toBe(200);
    dashboard.close();
  });

  it('keeps the last enabled admin: not demoted, disabled or removed (409 last_admin)', async () => {
    for (const [method, body] of [['PATCH', { role: 'operations' }], ['PATCH', { disabled: true }], ['DELETE', undefined]] as const) {
      const answer = await api.request(method, '/api/v1/admin/users/admin', { body, token: admin });
      expect(answer.status).toBe(409);
      expect(answer.body.error.code).toBe('last_admin');
    }
    // With a second admin, the first may go.
    await api.post('/api/v1/admin/users', { username: 'second-admin', role: 'admin', password: 'second-admin-password' }, admin);
    const second = (await login(api, 'second-admin', 'second-admin-password')).body.token as string;
    expect((await api.request('PATCH', '/api/v1/admin/users/admin', { body: { disabled: true }, token: second })).status).toBe(200);
    expect((await api.get('/api/v1/session', admin)).status).toBe(401);
    expect((await api.request('PATCH', '/api/v1/admin/users/second-admin', { body: { role: 'manager' }, token: second })).body.error.code).toBe('last_admin');
    expect((await api.request('PATCH', '/api/v1/admin/users/admin', { body: { disabled: false }, token: second })).status).toBe(200);
    admin = await api.login('admin', server.password);
    expect((await api.request('DELETE', '/api/v1/admin/users/second-admin', { token: admin })).status).toBe(204);
    expect((await api.get('/api/v1/session', second)).status).toBe(401);
    expect((await api.request('DELETE', '/api/v1/admin/users/nobody', { token: admin })).status).toBe(404);
  });

  it('lists sessions by a handle that is not the token, and ends one (its socket closes)', async () => {
    const token = await api.login('manager' as Role, server.password);
    const dashboard = new DashboardClient(server.url, token);
    await dashboard.ready;
    const closed = new Promise((resolve) => dashboard.socket.once('disconnect', resolve));
    const { body } = await api.get('/api/v1/admin/sessions', admin);
    const mine = body.sessions.filter((session: { username: string }) => session.username === 'manager');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toEqual({ id: expect.any(String), username: 'manager', role: 'manager', issuedAt: expect.any(String), expiresAt: expect.any(String) });
    expect(JSON.stringify(body)).not.toContain(token);
    expect((await api.request('DELETE', `/api/v1/admin/sessions/${mine[0].id}`, { token: admin })).status).toBe(204);
    expect((await api.get('/api/v1/session', token)).status).toBe(401);
    await closed;
    expect((await api.request('DELETE', `/api/v1/admin/sessions/${mine[0].id}`, { token: admin })).status).toBe(404);
    dashboard.close();
  });

  it('adds a device whose key works at once, rotates it (the old key refused) and revokes it', async () => {
    const added = await api.post('/api/v1/admin/devices', { id: 'counter-north', gates: ['main-gate'] }, admin);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: 'counter-north', key: expect.stringMatching(/^counter-north\./), provisioningUrl: expect.stringContaining('#/provision?page=tally') });
    expect(added.body.provisioningUrl).toContain(encodeURIComponent(added.body.key));
    expect((await api.post('/api/v1/counts', count(), added.body.key)).status).toBe(202);
    const listed = (await api.get('/api/v1/admin/devices', admin)).body.devices;
    expect(listed).toContainEqual({ id: 'counter-north', gates: ['main-gate'], stands: [], lastReportAt: expect.any(String) });
    expect(JSON.stringify(listed)).not.toContain('scrypt');
    expect((await api.post('/api/v1/admin/devices', { id: 'counter-north' }, admin)).body.error.code).toBe('exists');
    const unknownGate = await api.post('/api/v1/admin/devices', { id: 'counter-x', gates: ['no-such-gate'] }, admin);
    expect(unknownGate.status).toBe(400);
    expect(unknownGate.body.error.details).toEqual([expect.objectContaining({ path: 'gates.0' })]);

    const rotated = await api.post('/api/v1/admin/devices/counter-north/rotate', {}, admin);
    expect(rotated.status).toBe(200);
    expect(rotated.body.key).not.toBe(added.body.key);
    expect((await api.post('/api/v1/counts', count(), added.body.key)).status).toBe(401);
    expect((await api.post('/api/v1/counts', count(), rotated.body.key)).status).toBe(202);
    expect((await api.request('DELETE', '/api/v1/admin/devices/counter-north', { token: admin })).status).toBe(204);
    expect((await api.post('/api/v1/counts', count(), rotated.body.key)).status).toBe(401);
    const scanner = await api.post('/api/v1/admin/devices', { id: 'scanner-1', stands: ['P-001'] }, admin);
    expect(scanner.body.provisioningUrl).toContain('page=scanner&stand=P-001');
  });

  it('audits every change, filtered by who, an action prefix and time, and as CSV', async () => {
    const all = (await api.get('/api/v1/audit?limit=1000', admin)).body.entries as Array<{ action: string; by: string; at: string }>;
    const actions = new Set(all.map((entry) => entry.action));
    for (const action of ['user.add', 'user.update', 'user.remove', 'session.end', 'device.add', 'device.rotate', 'device.remove']) expect(actions).toContain(action);
    const users = (await api.get('/api/v1/audit?action=user', admin)).body.entries as typeof all;
    expect(users.length).toBeGreaterThan(0);
    expect(users.every((entry) => entry.action.startsWith('user'))).toBe(true);
    const bySecond = (await api.get('/api/v1/audit?by=second-admin', admin)).body.entries as typeof all;
    expect(bySecond.length).toBeGreaterThan(0);
    expect(bySecond.every((entry) => entry.by === 'second-admin')).toBe(true);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await api.get(`/api/v1/audit?since=${encodeURIComponent(future)}`, admin)).body.entries).toEqual([]);
    const until = (await api.get(`/api/v1/audit?until=${encodeURIComponent(all.at(-1)!.at)}&limit=1000`, admin)).body.entries as typeof all;
    expect(until.every((entry) => entry.at <= all.at(-1)!.at)).toBe(true);
    expect((await api.get('/api/v1/audit?since=yesterday', admin)).status).toBe(400);
    const csv = await fetch(new URL('/api/v1/audit?format=csv&action=device', server.url), { headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('at,by,action,ip,details');
    expect(lines.slice(1).every((line) => line.includes(',device.'))).toBe(true);
    expect(lines.length).toBeGreaterThan(3);
  });
});
