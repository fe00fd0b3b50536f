import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Role } from '@fairwatch/protocol';
import { readAccountsFile, writeAccountsFile } from '../../src/auth/accounts-file.ts';
import { signBody } from '../../src/http/device-signature.ts';
import { STAFF_PASSWORD, writeAccountsFixture, type DeviceFixture } from '../support/accounts-fixture.ts';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { DashboardClient, until } from '../support/dashboard-client.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const ROLES: Role[] = ['operations', 'security', 'manager', 'admin'];
const now = () => new Date().toISOString();
const incidentBody = () => ({ id: randomUUID(), type: 'other', severity: 'low', description: 'Test' });

describe('access with an accounts file', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let file: string;
  let devices: Record<string, DeviceFixture>;
  const tokens = {} as Record<Role, string>;
  let steward: string;

  beforeAll(async () => {
    const fixture = await writeAccountsFixture([
      { id: 'any-gate', gates: '*', stands: '*' },
      { id: 'main-gate-only', gates: ['main-gate'], stands: ['P-001'] },
      { id: 'signing', gates: '*', signing: true },
      { id: 'to-remove', gates: '*' },
    ]);
    file = fixture.path;
    devices = fixture.keys;
    server = await startServer({ env: { ACCOUNTS_FILE: file, DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '' } });
    api = new ApiClient(server.url);
    for (const role of ROLES) tokens[role] = await api.login(`${role}-1` as Role, STAFF_PASSWORD);
    steward = await api.login('steward-1' as Role, STAFF_PASSWORD);
  });
  afterAll(() => server?.stop());

  it('refuses the demo accounts when an accounts file is configured', async () => {
    expect((await api.post('/api/v1/login', { username: 'admin', password: STAFF_PASSWORD })).status).toBe(401);
  });

  it('lists the accounts file’s staff to assign incidents to, without their hashes', async () => {
    const answer = await api.get('/api/v1/staff', tokens.security);
    // Stewards (steward-1 is in the file) see no incident, so they are not offered as assignees.
    expect(answer.body.staff).toEqual(ROLES.map((role) => ({ username: `${role}-1`, role })).sort((a, b) => a.username.localeCompare(b.username)));
  });

  it('enforces the role matrix on every endpoint', async () => {
    const incident = (await api.post('/api/v1/incidents', incidentBody(), tokens.security)).body.id as string;
    const count = () => ({ id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: now() });
    const checkin = () => ({ id: uniqueId('c'), stand: 'P-001', at: now() });
    type Row = { method: string; path: string | (() => Promise<string>); body?: () => unknown; allowed: Array<Role | 'device'>; ok: number | 'authorized' };
    // Stewards count at the gates: counts and their gates' figures, nothing of the floor else.
    const responders: Role[] = ['operations', 'security', 'admin'];
    const matrix: Row[] = [
      // Issue 16: every role sees the venue (the floor plan under every map); the studio and the admin lists are the admin's.
      { method: 'GET', path: '/api/v1/venue', allowed: [...ROLES, 'steward'], ok: 200 },
      { method: 'GET', path: '/api/v1/venue/versions', allowed: ['admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/admin/users', allowed: ['admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/admin/sessions', allowed: ['admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/admin/devices', allowed: ['admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/stats', allowed: ROLES, ok: 200 },
      { method: 'GET', path: '/api/v1/incidents', allowed: ROLES, ok: 200 },
      { method: 'GET', path: '/api/v1/session', allowed: [...ROLES, 'steward'], ok: 200 },
      { method: 'GET', path: '/api/v1/audit', allowed: ['admin'], ok: 200 },
      { method: 'POST', path: '/api/v1/incidents', body: incidentBody, allowed: responders, ok: 201 },
      {
        method: 'PATCH',
        path: async () => `/api/v1/incidents/${(await api.post('/api/v1/incidents', incidentBody(), tokens.security)).body.id}`,
        body: () => ({ status: 'acknowledged' }),
        allowed: responders,
        ok: 200,
      },
      { method: 'POST', path: `/api/v1/incidents/${incident}/notes`, body: () => ({}), allowed: responders, ok: 'authorized' },
      { method: 'POST', path: `/api/v1/incidents/${incident}/assignment`, body: () => ({}), allowed: responders, ok: 'authorized' },
      { method: 'PUT', path: `/api/v1/incidents/${incident}/photo`, body: () => ({}), allowed: responders, ok: 'authorized' },
      { method: 'GET', path: '/api/v1/staff', allowed: ROLES, ok: 200 },
      { method: 'GET', path: '/api/v1/alerts', allowed: ROLES, ok: 200 },
      { method: 'POST', path: '/api/v1/alerts/no-such-alert/acknowledge', allowed: responders, ok: 'authorized' },
      { method: 'GET', path: `/api/v1/replay?at=${encodeURIComponent(now())}`, allowed: ROLES, ok: 200 },
      { method: 'GET', path: '/api/v1/replay/day', allowed: ROLES, ok: 'authorized' },
      { method: 'POST', path: '/api/v1/zones/caftan-stage/recount', body: () => ({ count: 0 }), allowed: ['operations', 'admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/reports/live', allowed: ['manager', 'admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/reports/days', allowed: ['manager', 'admin'], ok: 200 },
      { method: 'GET', path: '/api/v1/reports/stands/P-001', allowed: ['manager', 'admin'], ok: 'authorized' },
      { method: 'POST', path: '/api/v1/counts', body: count, allowed: ['device', 'steward'], ok: 202 },
      { method: 'GET', path: '/api/v1/field/gates', allowed: [...ROLES, 'steward', 'device'], ok: 200 },
      { method: 'GET', path: '/api/v1/field/stands/P-001', allowed: [...ROLES, 'device'], ok: 200 },
      { method: 'POST', path: '/api/v1/checkins', body: checkin, allowed: ['device'], ok: 202 },
    ];
    const callers: Array<[Role | 'device' | 'none' | 'bogus', string | undefined]> = [
      ...ROLES.map((role) => [role, tokens[role]] as [Role, string]),
      ['steward', steward],
      ['device', devices['any-gate']!.key],
      ['none', undefined],
      ['bogus', 'not-a-token'],
    ];
    const failures: string[] = [];
    for (const row of matrix) {
      for (const [who, token] of callers) {
        const path = typeof row.path === 'function' ? await row.path() : row.path;
        const answer = await api.request(row.method, path, { token, ...(row.body && { body: row.body() }) });
        const expected = row.allowed.includes(who as Role) ? row.ok : who === 'none' || who === 'bogus' ? 401 : 403;
        const good = expected === 'authorized' ? ![401, 403].includes(answer.status) && answer.status < 500 : answer.status === expected;
        if (!good) failures.push(`${row.method} ${path} as ${who}: ${answer.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets every floor role open a socket, and no steward, device key, bogus or missing token', async () => {
    for (const role of ROLES) {
      const client = new DashboardClient(server.url, tokens[role]);
      await client.ready;
      client.close();
    }
    for (const token of [devices['any-gate']!.key, 'bogus', '']) {
      const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false });
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error.message).toBe('unauthorized');
      socket.close();
    }
    // A steward sees its gates through the field routes, not the floor's live figures.
    const socket = io(server.url, { auth: { token: steward }, transports: ['websocket'], reconnection: false });
    expect((await new Promise<Error>((resolve) => socket.once('connect_error', resolve))).message).toBe('forbidden');
    socket.close();
  });

  it('refuses sockets opened from another origin', async () => {
    // Refused by the origin check, before the token is looked at: engine.io answers the polling
    // handshake 403 (a bad token would be a Socket.IO `unauthorized`), the WebSocket upgrade 400.
    const refusal = async (transport: 'polling' | 'websocket') => {
      const socket = io(server.url, { auth: { token: tokens.operations }, transports: [transport], reconnection: false, extraHeaders: { origin: 'http://evil.example' } });
      const error = await new Promise<Error & { type?: string; description?: unknown }>((resolve) => socket.once('connect_error', resolve));
      socket.close();
      const { description } = error;
      return { message: error.message, type: error.type, description: typeof description === 'object' && description !== null && 'message' in description ? description.message : description };
    };
    const logged = () => server.logs.filter((entry) => entry.msg === 'refused a socket from another origin' && entry.origin === 'http://evil.example').length;
    const before = logged();
    expect(await refusal('polling')).toEqual({ message: 'xhr poll error', type: 'TransportError', description: 403 });
    expect(await refusal('websocket')).toEqual({ message: 'websocket error', type: 'TransportError', description: 'Unexpected server response: 400' });
    await until(() => logged() === before + 2, 2_000, 'both refusals logged');
    const same = new DashboardClient(server.url, tokens.operations);
    await same.ready;
    same.close();
  });

  it('keeps a device key to its gates and stands (403, logged, nothing applied)', async () => {
    const key = devices['main-gate-only']!.key;
    expect((await api.post('/api/v1/counts', { id: uniqueId(), gate: 'main-gate', in: 2, out: 0, at: now() }, key)).status).toBe(202);
    const before = (await api.get('/api/v1/stats', tokens.manager)).body.totals.entriesToday;
    const other = await api.post('/api/v1/counts', [{ id: uniqueId(), gate: 'main-gate', in: 2, out: 0, at: now() }, { id: uniqueId(), gate: 'second-gate', in: 1, out: 0, at: now() }], key);
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 'forbidden', details: [{ path: '1.gate' }] });
    expect((await api.post('/api/v1/checkins', { id: uniqueId('c'), stand: 'P-002', at: now() }, key)).status).toBe(403);
    expect((await api.post('/api/v1/checkins', { id: uniqueId('c'), stand: 'P-001', at: now() }, key)).status).toBe(202);
    expect((await api.get('/api/v1/stats', tokens.manager)).body.totals.entriesToday).toBe(before);
    await until(() => server.logs.some((entry) => entry.msg === 'a device key was used for gates or stands it is not for'), 2_000, 'the log line');
  });

  it('checks signed reports: a good signature passes once, stale or tampered ones are 401', async () => {
    const { key, signingSecret } = devices.signing!;
    const body = JSON.stringify({ id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: now() });
    const post = (payload: string, signature?: string) =>
      fetch(`${server.url}/api/v1/counts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(signature && { 'x-fairwatch-signature': signature }) },
        body: payload,
      });
    const seconds = Math.floor(Date.now() / 1000);
    expect((await post(body)).status).toBe(401);
    const signed = signBody(signingSecret!, body, seconds);
    const first = await post(body, signed);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 1, duplicates: 0 });
    const replay = await post(body, signed);
    expect(await replay.json()).toEqual({ accepted: 0, duplicates: 1 });
    expect((await post(body.replace('"in":1', '"in":9'), signed)).status).toBe(401);
    expect((await post(body, signBody(signingSecret!, body, seconds - 400))).status).toBe(401);
  });

  it('signs out: the token is refused and its socket closed', async () => {
    const token = await api.login('operations-1' as Role, STAFF_PASSWORD);
    const client = new DashboardClient(server.url, token);
    await client.ready;
    const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
    expect((await api.post('/api/v1/logout', {}, token)).status).toBe(204);
    await disconnected;
    expect((await api.get('/api/v1/stats', token)).status).toBe(401);
    client.close();
  });

  it('refuses a removed user and a removed device at once, and closes the user’s sockets', async () => {
    const token = await api.login('manager-1' as Role, STAFF_PASSWORD);
    const client = new DashboardClient(server.url, token);
    await client.ready;
    const disconnected = new Promise((resolve) => client.socket.once('disconnect', resolve));
    const accounts = readAccountsFile(file);
    writeAccountsFile(file, {
      users: accounts.users.filter((user) => user.username !== 'manager-1'),
      devices: accounts.devices.filter((device) => device.id !== 'to-remove'),
    });
    await disconnected;
    expect((await api.get('/api/v1/stats', token)).status).toBe(401);
    const key = devices['to-remove']!.key;
    expect((await api.post('/api/v1/counts', { id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: now() }, key)).status).toBe(401);
    client.close();
  });

  it('keeps an audit log of staff actions for admins', async () => {
    const created = await api.post('/api/v1/incidents', incidentBody(), tokens.security);
    await api.patch(`/api/v1/incidents/${created.body.id}`, { status: 'resolved' }, tokens.operations);
    await until(async () => {
      const entries = (await api.get('/api/v1/audit?limit=50', tokens.admin)).body.entries as Array<{ by: string; action: string }>;
      return (
        entries.some((entry) => entry.by === 'security-1' && entry.action === 'signed-in') &&
        entries.some((entry) => entry.by === 'security-1' && entry.action === 'incident-logged') &&
        entries.some((entry) => entry.by === 'operations-1' && entry.action === 'incident-resolved')
      );
    }, 3_000, 'audit entries');
    expect((await api.get('/api/v1/audit', tokens.security)).status).toBe(403);
    expect((await api.get('/api/v1/audit?limit=0', tokens.admin)).status).toBe(400);
  });

  it('sends security headers, a strict CSP among them, on every answer', async () => {
    for (const path of ['/', '/api/v1/health', '/api/v1/nothing']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

// Sessions that expire: server/test/in-process/session-expiry.test.ts (a faked clock, no sleep).

describe('rate limits', () => {
  it('answers 429 with Retry-After past the limits of an address and of a device, and throttles sign-in guessing', async () => {
    const server = await startServer({ env: { RATE_LIMITS: 'address=40,device=5,loginUser=3' } });
    try {
      const api = new ApiClient(server.url);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await api.post('/api/v1/counts', { id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: now() }, server.deviceKey)).status);
      }
      expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
      const limited = await api.post('/api/v1/counts', { id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: now() }, server.deviceKey);
      expect(limited.body.error.code).toBe('rate_limited');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

      const guesses = [];
      for (let i = 0; i < 4; i++) guesses.push((await api.post('/api/v1/login', { username: 'admin', password: `guess-${i}` })).status);
      expect(guesses).toEqual([401, 401, 401, 429]);
      // Even the right password waits now: guessing gains nothing.
      expect((await api.post('/api/v1/login', { username: 'admin', password: server.password })).status).toBe(429);

      let status = 0;
      for (let i = 0; i < 60 && status !== 429; i++) status = (await api.get('/api/v1/health')).status;
      expect(status).toBe(429);
    } finally {
      await server.stop();
    }
  });
});
