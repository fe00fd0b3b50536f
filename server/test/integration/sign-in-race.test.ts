import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fesVenue } from '@fairwatch/venue';
import { createApp, type App } from '../../src/app.ts';
import { demoCredentials, type Credentials } from '../../src/auth/credentials.ts';
import { parseTrustProxy } from '../../src/http/client-address.ts';
import { DEFAULT_RATE_LIMITS } from '../../src/http/rate-limits.ts';
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
  beforeAll(async () => {
    const demo = demoCredentials('the-right-password', 'a-device-key');
    const credentials: Credentials = {
      ...demo,
      async checkPassword(username, password) {
        checks.push(username);
        await new Promise((resolve) => setTimeout(resolve, 30));
        return demo.checkPassword(username, password);
      },
    };
    app = createApp({
      venue: fesVenue, store: new EmbeddedStore(), credentials, logger: createLogger('silent'), tickMs: 1_000, gateOfflineMs: 300_000,
      dashboardDir: 'no-dashboard', trustProxy: parseTrustProxy('loopback')!, sessionSecret: 'a-session-secret-for-this-test-only', rateLimits: { ...DEFAULT_RATE_LIMITS, loginFailuresPerUser: 5, loginFailuresPerAddress: 8 },
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

  it('lets the right password through after a few wrong ones, and gives its attempt back', async () => {
    checks.length = 0;
    const statuses = [];
    for (const password of ['wrong-1', 'wrong-2', 'the-right-password', 'the-right-password', 'wrong-3']) statuses.push(await login('security', password, '10.0.0.3'));
    expect(statuses).toEqual([401, 401, 200, 200, 401]);
    expect(checks).toHaveLength(5);
  });
});
