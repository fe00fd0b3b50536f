import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
