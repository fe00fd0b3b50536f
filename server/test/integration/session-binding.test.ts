import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@fairwatch/protocol';
import { digestOf } from '../../src/auth/secrets.ts';
import { accountsCli } from '../support/accounts-cli.ts';
import { STAFF_PASSWORD, writeAccountsFixture } from '../support/accounts-fixture.ts';
import { ApiClient } from '../support/api-client.ts';
import { DashboardClient, until } from '../support/dashboard-client.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const NEW_PASSWORD = 'another-long-passphrase';
const fileEnv = (path: string, extra: Record<string, string> = {}) => ({ ACCOUNTS_FILE: path, DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '', ...extra });

/** Signs in and opens a socket; `ended` resolves when the server closes that socket. */
async function signedIn(api: ApiClient, url: string, username: string, password = STAFF_PASSWORD) {
  const answer = await api.post('/api/v1/login', { username, password });
  if (answer.status !== 200) throw new Error(`sign-in as ${username}: ${answer.status}`);
  const token = answer.body.token as string;
  const dashboard = new DashboardClient(url, token);
  await dashboard.ready;
  const ended = new Promise<string>((resolve) => dashboard.socket.once('disconnect', resolve));
  return { token, dashboard, ended };
}

describe('sessions bound to the account as it was at sign-in', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let file: string;
  beforeAll(async () => {
    file = (await writeAccountsFixture([])).path;
    server = await startServer({ env: fileEnv(file) });
    api = new ApiClient(server.url);
  });
  afterAll(() => server?.stop());

  const refused = (token: string) => until(async () => (await api.get('/api/v1/session', token)).status === 401, 5_000, 'the old token refused');

  it('ends every session of a user whose password was reset, sockets included', async () => {
    const first = await signedIn(api, server.url, 'operations-1');
    const second = await signedIn(api, server.url, 'operations-1');
    await accountsCli(file, ['set-password', 'operations-1'], NEW_PASSWORD);
    expect(await first.ended).toBe('io server disconnect');
    expect(await second.ended).toBe('io server disconnect');
    await refused(first.token);
    expect((await api.get('/api/v1/stats', second.token)).status).toBe(401);
    expect((await api.post('/api/v1/login', { username: 'operations-1', password: STAFF_PASSWORD })).status).toBe(401);
    expect((await api.post('/api/v1/login', { username: 'operations-1', password: NEW_PASSWORD })).status).toBe(200);
    first.dashboard.close();
    second.dashboard.close();
  });

  it('ends the sessions of a user whose role changed', async () => {
    const session = await signedIn(api, server.url, 'security-1');
    await accountsCli(file, ['set-role', 'security-1', '--role', 'manager']);
    await session.ended;
    await refused(session.token);
    session.dashboard.close();
  });

  it('ends the sessions of a disabled user, and enabling them again brings none back', async () => {
    const session = await signedIn(api, server.url, 'manager-1');
    await accountsCli(file, ['disable-user', 'manager-1']);
    await session.ended;
    await refused(session.token);
    expect((await api.post('/api/v1/login', { username: 'manager-1', password: STAFF_PASSWORD })).status).toBe(401);
    await accountsCli(file, ['enable-user', 'manager-1']);
    await until(async () => (await api.post('/api/v1/login', { username: 'manager-1', password: STAFF_PASSWORD })).status === 200, 5_000, 'sign-in after enabling');
    expect((await api.get('/api/v1/session', session.token)).status).toBe(401);
    session.dashboard.close();
  });

  it('never revives old tokens when a removed name is added again with the same role and password', async () => {
    const session = await signedIn(api, server.url, 'admin-1');
    await accountsCli(file, ['add-user', 'admin-2', '--role', 'admin'], STAFF_PASSWORD); // production keeps an admin
    await accountsCli(file, ['remove-user', 'admin-1']);
    await session.ended;
    await refused(session.token);
    await accountsCli(file, ['add-user', 'admin-1', '--role', 'admin'], STAFF_PASSWORD);
    await until(async () => (await api.post('/api/v1/login', { username: 'admin-1', password: STAFF_PASSWORD })).status === 200, 5_000, 'the re-added user signs in');
    expect((await api.get('/api/v1/session', session.token)).status).toBe(401);
    session.dashboard.close();
  });

  it('signs a user out everywhere with end-sessions (a lost phone)', async () => {
    const session = await signedIn(api, server.url, 'admin-2');
    await accountsCli(file, ['end-sessions', 'admin-2']);
    await session.ended;
    await refused(session.token);
    session.dashboard.close();
  });

  it('audits a sign-out, and the token is refused after it', async () => {
    const admin = await signedIn(api, server.url, 'admin-1');
    expect((await api.post('/api/v1/logout', {}, admin.token)).status).toBe(204);
    await admin.ended;
    expect((await api.get('/api/v1/session', admin.token)).status).toBe(401);
    const reader = (await api.post('/api/v1/login', { username: 'admin-2', password: STAFF_PASSWORD })).body.token as string;
    await until(async () => {
      const entries = (await api.get('/api/v1/audit?limit=20', reader)).body.entries as Array<{ by: string; action: string }>;
      return entries.some((entry) => entry.by === 'admin-1' && entry.action === 'signed-out');
    }, 3_000, 'the signed-out audit entry');
    admin.dashboard.close();
  });
});

describe('sockets of an expired session', () => {
  it('are closed by the server when the session expires, without any request', async () => {
    // 2 s: long enough for the socket to connect first on a busy machine.
    const server = await startServer({ env: { SESSION_TTL_S: '2' } });
    try {
      const api = new ApiClient(server.url);
      const token = await api.login('operations' as Role, server.password);
      const dashboard = new DashboardClient(server.url, token);
      await dashboard.ready;
      const ended = new Promise<string>((resolve) => dashboard.socket.once('disconnect', resolve));
      const started = Date.now();
      expect(await ended).toBe('io server disconnect');
      // The session lasts 2 s and the sweep runs every second: closed within about 3 s of sign-in.
      expect(Date.now() - started).toBeLessThan(6_000);
      expect((await api.get('/api/v1/session', token)).status).toBe(401);
      dashboard.close();
    } finally {
      await server.stop();
    }
  });
});

describe.runIf(redisAvailable())('sessions in Redis', () => {
  const SECRET = 'a-shared-session-secret-of-32-characters-or-more';
  let redis: TestRedis;
  let servers: ServerProcess[];
  let file: string;
  beforeAll(async () => {
    redis = await TestRedis.start();
    file = (await writeAccountsFixture([])).path;
    const env = fileEnv(file, { REDIS_URL: redis.url, SESSION_SECRET: SECRET });
    // The instance with another secret runs the demo accounts: seeding the file's, it would seal them with its
    // own key (as after a change of SESSION_SECRET), and the other two would no longer take them.
    servers = await Promise.all([startServer({ env }), startServer({ env }), startServer({ env: { ...env, ACCOUNTS_FILE: '', SESSION_SECRET: 'another-secret-that-is-32-characters-long!' } })]);
  });
  afterAll(async () => {
    await Promise.all(servers?.map((server) => server.stop()) ?? []);
    await redis?.stop();
  });

  it('end on every instance when the password is reset, and are refused by an instance with another SESSION_SECRET', async () => {
    const [a, b, other] = servers.map((server) => new ApiClient(server.url)) as [ApiClient, ApiClient, ApiClient];
    const onA = await signedIn(a, servers[0]!.url, 'operations-1');
    const onB = new DashboardClient(servers[1]!.url, onA.token);
    await onB.ready;
    const endedOnB = new Promise((resolve) => onB.socket.once('disconnect', resolve));
    expect((await b.get('/api/v1/session', onA.token)).status).toBe(200);
    expect((await other.get('/api/v1/session', onA.token)).status).toBe(401);
    await accountsCli(file, ['set-password', 'operations-1'], NEW_PASSWORD);
    await Promise.all([onA.ended, endedOnB]);
    for (const api of [a, b]) await until(async () => (await api.get('/api/v1/session', onA.token)).status === 401, 5_000, 'refused on every instance');
    onA.dashboard.close();
    onB.close();
  });

  it('refuses a session row written into Redis by someone without the secret, or a real one copied under another token', async () => {
    const api = new ApiClient(servers[0]!.url);
    const real = (await api.post('/api/v1/login', { username: 'admin-1', password: STAFF_PASSWORD })).body.token as string;
    const client = createClient({ url: redis.url });
    await client.connect();
    try {
      const row = JSON.parse((await client.get(`{fw}:session:${digestOf(real)}`))!) as Record<string, unknown>;
      expect(row).toMatchObject({ username: 'admin-1', role: 'admin' });
      const forged = 'forged-token-chosen-by-the-attacker';
      const copied = 'copied-token-chosen-by-the-attacker';
      await client.set(`{fw}:session:${digestOf(forged)}`, JSON.stringify({ username: 'admin-1', role: 'admin', expiresAt: Date.now() + 3_600_000 }), { PX: 3_600_000 });
      await client.set(`{fw}:session:${digestOf(copied)}`, JSON.stringify(row), { PX: 3_600_000 });
      for (const server of servers.slice(0, 2)) {
        const instance = new ApiClient(server.url);
        expect((await instance.get('/api/v1/audit', forged)).status).toBe(401);
        expect((await instance.get('/api/v1/audit', copied)).status).toBe(401);
        expect((await instance.get('/api/v1/audit', real)).status).toBe(200);
      }
    } finally {
      await client.quit();
    }
  });
});
