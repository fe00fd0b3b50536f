import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fesVenue } from '@fairwatch/venue';
import { createApp, type App } from '../../src/app.ts';
import { demoCredentials, type Credentials } from '../../src/auth/credentials.ts';
import { parseTrustProxy } from '../../src/http/client-address.ts';
import { DEFAULT_RATE_LIMITS, SLOW_CHECKS_PER_ADDRESS } from '../../src/http/rate-limits.ts';
import { createLogger } from '../../src/log.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';

/**
 * The app wired in process (createApp) with credentials that count how often a password is checked:
 * the check stands in for scrypt, slow enough (30 ms) that concurrent sign-ins overlap inside it.
 */
describe('sign-in guesses racing the throttle', () => {
  let app: App;
  let url: string;
  const checks: string[] = [];
  /** Checks running now and the most that ran at once, by the group a name or key starts with (`<group>/…`). */
  const running = new Map<string, number>();
  const mostAtOnce = new Map<string, number>();
  const slowCheck = async <T>(name: string, check: () => Promise<T>): Promise<T> => {
    const group = name.split('/')[0]!;
    running.set(group, (running.get(group) ?? 0) + 1);
    mostAtOnce.set(group, Math.max(mostAtOnce.get(group) ?? 0, running.get(group)!));
    try {
      await new Promise((resolve) => setTimeout(resolve, 30));
      return await check();
    } finally {
      running.set(group, running.get(group)! - 1);
    }
  };
  beforeAll(async () => {
    const demo = demoCredentials('the-right-password', 'a-device-key');
    const credentials: Credentials = {
      ...demo,
      async checkPassword(username, password) {
        checks.push(username);
        return slowCheck(username, () => demo.checkPassword(username, password));
      },
      // Keys shaped `<group>/<id>.<secret>` stand for unproven device keys: charged, then a slow check that fails.
      async device(key, beforeSlowCheck) {
        if (!key.includes('/')) return demo.device(key, beforeSlowCheck);
        await beforeSlowCheck?.();
        return slowCheck(key, async () => null);
      },
    };
    app = createApp({
      venue: fesVenue, store: new EmbeddedStore(), credentials, logger: createLogger('silent'), tickMs: 1_000, gateOfflineMs: 300_000,
      dashboardDir: 'no-dashboard', trustProxy: parseTrustProxy('loopback')!, sessionSecret: 'a-session-secret-for-this-test-only', rateLimits: { ...DEFAULT_RATE_LIMITS, loginFailuresPerUser: 5, loginFailuresPerAddress: 8, deviceKeyChecksPerAddress: 40 },
    });
    const address = await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(() => app?.close());

  /** A sign-in from `address` (the test plays the trusted proxy in front of it). */
  const login = (username: string, password: string, address: string) =>
    fetch(`${url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: JSON.stringify({ username, password }) }).then((answer) => answer.status);

  it('checks at most the limit’s number of 100 concurrent wrong passwords for one user', async () => {
    checks.length = 0;
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => login('admin', `guess-${i}`, '10.0.0.1')));
    expect(checks).toHaveLength(5);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(95);
  });

  it('checks at most the address’s limit of concurrent guesses spread over many user names', async () => {
    checks.length = 0;
    const statuses = await Promise.all(Array.from({ length: 100 }, (_, i) => login(`someone-${i}`, 'guess', '10.0.0.2')));
    expect(checks).toHaveLength(8);
    expect(statuses.filter((status) => status === 429)).toHaveLength(92);
  });

  it('runs at most SLOW_CHECKS_PER_ADDRESS of one address’s charged checks at once, the others in turn', async () => {
    // scrypt has 4 threads: one address's burst holding them all kept every other sign-in waiting (6-14 s).
    const guesses = Array.from({ length: 100 }, (_, i) => login(`burst-a/${i}`, 'guess', '10.0.0.4'));
    const keys = Array.from({ length: 100 }, (_, i) =>
      fetch(`${url}/api/v1/counts`, { method: 'POST', headers: { authorization: `Bearer burst-b/${i}.wrong`, 'content-type': 'application/json', 'x-forwarded-for': '10.0.0.5' }, body: '[]' }).then((answer) => answer.status),
    );
    const [guessed, tried] = await Promise.all([Promise.all(guesses), Promise.all(keys)]);
    // Every charged attempt is still checked (8 sign-ins, 40 keys), but never more than 2 at once.
    expect(guessed.filter((status) => status === 401)).toHaveLength(8);
    expect(tried.filter((status) => status === 401)).toHaveLength(40);
    expect(mostAtOnce.get('burst-a')).toBe(SLOW_CHECKS_PER_ADDRESS);
    expect(mostAtOnce.get('burst-b')).toBe(SLOW_CHECKS_PER_ADDRESS);
  });

  it('lets the right password through after a few wrong ones, and gives its attempt back', async () => {
    checks.length = 0;
    const statuses = [];
    for (const password of ['wrong-1', 'wrong-2', 'the-right-password', 'the-right-password', 'wrong-3']) statuses.push(await login('security', password, '10.0.0.3'));
    expect(statuses).toEqual([401, 401, 200, 200, 401]);
    expect(checks).toHaveLength(5);
  });
});
