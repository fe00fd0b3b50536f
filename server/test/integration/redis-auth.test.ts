import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/auth/secrets.ts';
import { until } from '../support/dashboard-client.ts';
import { STAFF_PASSWORD, writeAccountsFixture } from '../support/accounts-fixture.ts';
import { ApiClient } from '../support/api-client.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { startServer } from '../support/server-process.ts';

describe.runIf(redisAvailable())('production with a Redis that requires a password', () => {
  let redis: TestRedis;
  let accounts: string;
  const production = () => ({ NODE_ENV: 'production', DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '', ALLOW_HTTP: '1', ACCOUNTS_FILE: accounts, SESSION_SECRET: 'a-session-secret-of-at-least-32-characters' });
  beforeAll(async () => {
    redis = await TestRedis.start({ password: 'a-redis-password' });
    accounts = (await writeAccountsFixture([])).path;
  });
  afterAll(() => redis?.stop());

  it('refuses a REDIS_URL without credentials, saying why and what to do', async () => {
    const failure = startServer({ env: { ...production(), REDIS_URL: redis.urlWithoutPassword } });
    await expect(failure).rejects.toThrow(/REDIS_URL has no password: write access to Redis is admin access/);
    await expect(failure).rejects.toThrow(/REDIS_ALLOW_NO_AUTH=1/);
  });

  it('runs with the password in the URL: sign-in, sessions and figures live in that Redis', async () => {
    const server = await startServer({ env: { ...production(), REDIS_URL: redis.url } });
    try {
      const api = new ApiClient(server.url);
      const token = (await api.post('/api/v1/login', { username: 'operations-1', password: STAFF_PASSWORD })).body.token as string;
      expect((await api.get('/api/v1/stats', token)).status).toBe(200);
      expect(server.logs.find((entry) => entry.msg === 'listening')).toMatchObject({ store: 'redis' });
    } finally {
      await server.stop();
    }
  });

  it('takes no account written into Redis without SESSION_SECRET: a forged admin or device key gets nothing', async () => {
    const own = await TestRedis.start({ password: 'another-redis-password' });
    const client = createClient({ url: own.url });
    await client.connect();
    try {
      // A record from before sealing (or the attacker's) under a name of the accounts file is replaced at start.
      await client.hSet('{fw}:users', 'operations-1', JSON.stringify({ username: 'operations-1', role: 'operations', passwordHash: await hashSecret('the-old-password') }));
      const server = await startServer({ env: { ...production(), REDIS_URL: own.url } });
      try {
        const api = new ApiClient(server.url);
        expect((await api.post('/api/v1/login', { username: 'operations-1', password: STAFF_PASSWORD })).status).toBe(200);
        expect(JSON.parse((await client.hGet('{fw}:users', 'operations-1'))!)).toHaveProperty('seal');
        // Write access to Redis, not the secret: an admin and a device key of one's own, announced as a change.
        await client.hSet('{fw}:users', 'mallory', JSON.stringify({ username: 'mallory', role: 'admin', passwordHash: await hashSecret('mallory-chose-this') }));
        await client.hSet('{fw}:devices', 'rogue', JSON.stringify({ id: 'rogue', keyHash: await hashSecret('rogue.its-own-key'), gates: '*' }));
        const copied = JSON.parse((await client.hGet('{fw}:users', 'admin-1'))!) as Record<string, unknown>;
        await client.hSet('{fw}:users', 'admin-2', JSON.stringify({ ...copied, username: 'admin-2' }));
        await client.publish('{fw}:changes', JSON.stringify({ kind: 'accounts' }));
        await until(() => server.logs.some((entry) => entry.user === 'mallory' && /not sealed/.test(String(entry.msg))), 5_000, 'the forged user noticed');
        expect((await api.post('/api/v1/login', { username: 'mallory', password: 'mallory-chose-this' })).status).toBe(401);
        expect((await api.post('/api/v1/login', { username: 'admin-2', password: STAFF_PASSWORD })).status).toBe(401);
        const counted = await fetch(`${server.url}/api/v1/counts`, { method: 'POST', headers: { authorization: 'Bearer rogue.its-own-key', 'content-type': 'application/json' }, body: JSON.stringify({ id: 'forged-1', gate: 'main-gate', in: 5, out: 0, at: new Date().toISOString() }) });
        expect(counted.status).toBe(401);
        // The real admin still signs in.
        expect((await api.post('/api/v1/login', { username: 'admin-1', password: STAFF_PASSWORD })).status).toBe(200);
      } finally {
        await server.stop();
      }
      // A new SESSION_SECRET: the accounts file's users are sealed again at start; the forged admin stays out.
      const renewed = await startServer({ env: { ...production(), REDIS_URL: own.url, SESSION_SECRET: 'a-new-session-secret-of-32-characters-at-least' } });
      try {
        const api = new ApiClient(renewed.url);
        expect((await api.post('/api/v1/login', { username: 'admin-1', password: STAFF_PASSWORD })).status).toBe(200);
        expect((await api.post('/api/v1/login', { username: 'mallory', password: 'mallory-chose-this' })).status).toBe(401);
      } finally {
        await renewed.stop();
      }
    } finally {
      await client.quit();
      await own.stop();
    }
  }, 90_000);
});
