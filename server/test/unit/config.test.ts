import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { parseSimulatedClock, serverClock, simulatedTimeMs } from '../../src/simulated-clock.ts';

describe('SIMULATED_CLOCK', () => {
  it('reads a start and a speed-up factor', () => {
    expect(parseSimulatedClock('2022-10-10T08:00:00Zx3600')).toEqual({ startMs: Date.parse('2022-10-10T08:00:00Z'), factor: 3600 });
    expect(parseSimulatedClock('2022-10-10T09:00:00+01:00x0.5')).toEqual({ startMs: Date.parse('2022-10-10T08:00:00Z'), factor: 0.5 });
    // A date alone is its UTC midnight.
    expect(parseSimulatedClock('2022-10-10x60')?.startMs).toBe(Date.parse('2022-10-10T00:00:00Z'));
  });

  it('refuses anything else', () => {
    for (const text of ['', '2022-10-10T08:00:00Z', 'x60', '2022-10-10T08:00:00Zx', '2022-10-10T08:00:00Zx0', '2022-10-10T08:00:00Zx-2', '2022-13-45T08:00:00Zx60', 'tomorrowx60', '2022-10-10T08:00:00Zx60x2']) {
      expect(parseSimulatedClock(text), text).toBeNull();
    }
  });

  it('runs factor times as fast as real time from its start', () => {
    const clock = { startMs: Date.parse('2022-10-10T00:00:00Z'), factor: 43_200 };
    expect(new Date(simulatedTimeMs(clock, 0)).toISOString()).toBe('2022-10-10T00:00:00.000Z');
    expect(new Date(simulatedTimeMs(clock, 2_000)).toISOString()).toBe('2022-10-11T00:00:00.000Z');
    // Without it the server's clock is the real one.
    expect(Math.abs(serverClock(null)().getTime() - Date.now())).toBeLessThan(1_000);
    expect(serverClock(clock)().getTime()).toBeGreaterThan(clock.startMs);
  });

  it('is a configuration setting, named when malformed', () => {
    expect(loadConfig({ SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' }).simulatedClock).toEqual({ startMs: Date.parse('2022-10-10T08:00:00Z'), factor: 3600 });
    expect(loadConfig({}).simulatedClock).toBeNull();
    expect(loadConfig({ SIMULATED_CLOCK: '' }).simulatedClock).toBeNull();
    expect(() => loadConfig({ SIMULATED_CLOCK: 'fast' })).toThrow(/SIMULATED_CLOCK: an ISO start and a speed-up factor/);
  });

  it('is refused in production, with what to do', () => {
    const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json', ALLOW_HTTP: '1' };
    expect(loadConfig(production).simulatedClock).toBeNull();
    expect(() => loadConfig({ ...production, SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' })).toThrow(/SIMULATED_CLOCK is set: production runs on the real clock; unset it/);
  });
});

describe('production settings that protect the fair network', () => {
  const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json', ALLOW_HTTP: '1' };
  const secret = { SESSION_SECRET: 'x'.repeat(32) };

  it('refuses a Redis URL without a password, unless REDIS_ALLOW_NO_AUTH=1', () => {
    expect(() => loadConfig({ ...production, ...secret, REDIS_URL: 'redis://10.0.0.2:6379' })).toThrow(/REDIS_URL has no password: write access to Redis is admin access/);
    expect(loadConfig({ ...production, ...secret, REDIS_URL: 'redis://:s3cret@10.0.0.2:6379' }).redisUrl).toBe('redis://:s3cret@10.0.0.2:6379');
    expect(loadConfig({ ...production, ...secret, REDIS_URL: 'redis://fairwatch:s3cret@10.0.0.2:6379' }).redisUrl).toContain('fairwatch:s3cret');
    expect(loadConfig({ ...production, ...secret, REDIS_URL: 'redis://10.0.0.2:6379', REDIS_ALLOW_NO_AUTH: '1' }).redisUrl).toBe('redis://10.0.0.2:6379');
    // Outside production a local Redis without a password is fine.
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });

  it('requires a shared SESSION_SECRET with Redis, and makes one per process without it', () => {
    expect(() => loadConfig({ ...production, REDIS_URL: 'redis://:s3cret@10.0.0.2:6379' })).toThrow(/SESSION_SECRET is not set: with Redis, every instance must share one/);
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: at least 32 characters/);
    expect(loadConfig({ ...production, ...secret }).sessionSecret).toEqual({ value: secret.SESSION_SECRET, source: 'configured' });
    const [one, two] = [loadConfig(production), loadConfig(production)];
    expect(one.sessionSecret.source).toBe('generated');
    expect(one.sessionSecret.value).not.toBe(two.sessionSecret.value);
  });

  it('refuses plain HTTP without ALLOW_HTTP=1, and a certificate without its key', () => {
    const { ALLOW_HTTP: _, ...withoutAllowHttp } = production;
    expect(() => loadConfig(withoutAllowHttp)).toThrow(/no TLS: passwords and tokens would cross the network in clear/);
    expect(loadConfig({ ...withoutAllowHttp, TLS_CERT_FILE: 'server.crt', TLS_KEY_FILE: 'server.key' }).tls).toEqual({ certFile: 'server.crt', keyFile: 'server.key' });
    expect(() => loadConfig({ TLS_CERT_FILE: 'server.crt' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE go together/);
  });

  it('reads TRUST_PROXY, and names it when malformed', () => {
    expect(loadConfig({}).trustProxy.kind).toBe('none');
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5,10.0.1.0/24' }).trustProxy.kind).toBe('addresses');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY: off, a hop count/);
  });
});

describe('limits in the configuration', () => {
  const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json', ALLOW_HTTP: '1' };

  it('reads NODE_ENV in any case and refuses values it does not know', () => {
    expect(loadConfig({ NODE_ENV: 'PRODUCTION', ACCOUNTS_FILE: 'a.json', ALLOW_HTTP: '1' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: ' Production ', ACCOUNTS_FILE: 'a.json', ALLOW_HTTP: '1' }).demo).toBeNull();
    expect(loadConfig({ NODE_ENV: 'Test' }).production).toBe(false);
    for (const value of ['prod', 'staging', 'live']) expect(() => loadConfig({ NODE_ENV: value }), value).toThrow(/NODE_ENV: ".*" is not one of development, test, production/);
  });

  it('bounds rate-limit overrides in production only', () => {
    expect(loadConfig({ ...production, RATE_LIMITS: 'address=20000,user=5000' }).rateLimits).toMatchObject({ perAddress: 20_000, perUser: 5_000 });
    expect(() => loadConfig({ ...production, RATE_LIMITS: 'address=20001' })).toThrow(/RATE_LIMITS address=20001 is above the most production allows \(20000\)/);
    expect(() => loadConfig({ ...production, RATE_LIMITS: 'loginUser=0' })).toThrow(/loginUser=0 would refuse every request/);
    expect(loadConfig({ RATE_LIMITS: 'address=1000000000' }).rateLimits.perAddress).toBe(1_000_000_000);
  });

  it('sets connection limits and deadlines, the headers deadline within the request deadline', () => {
    expect(loadConfig({}).connections).toEqual({ max: 2_000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 });
    expect(loadConfig({ MAX_CONNECTIONS: '50', HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '2000' }).connections).toEqual({ max: 50, headersTimeoutMs: 2_000, requestTimeoutMs: 2_000 });
    expect(() => loadConfig({ MAX_CONNECTIONS: '0' })).toThrow(/MAX_CONNECTIONS/);
  });

  it('keeps the oldest report accepted within the idempotency window', () => {
    expect(loadConfig({}).maxReportAgeSeconds).toBe(7 * 24 * 3600);
    expect(loadConfig({ MAX_REPORT_AGE_S: '9999999', IDEMPOTENCY_TTL_S: '3600' }).maxReportAgeSeconds).toBe(3600);
  });
});

describe('DATA_DIR', () => {
  it('defaults to data/ under the working directory, resolved; :memory: is the in-memory store', () => {
    expect(loadConfig({}).dataDir).toBe(resolve('data'));
    expect(loadConfig({ DATA_DIR: 'var/fair' }).dataDir).toBe(resolve('var/fair'));
    expect(loadConfig({ DATA_DIR: '' }).dataDir).toBe(resolve('data'));
    expect(loadConfig({ DATA_DIR: ':memory:' }).dataDir).toBeNull();
  });

  it('refuses :memory: in production without Redis, with what to do', () => {
    const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json', ALLOW_HTTP: '1', SESSION_SECRET: 'x'.repeat(32) };
    expect(() => loadConfig({ ...production, DATA_DIR: ':memory:' })).toThrow(/DATA_DIR=:memory: keeps nothing across restarts \(tests only\); set DATA_DIR to a directory/);
    expect(loadConfig({ ...production, DATA_DIR: ':memory:', REDIS_URL: 'redis://:s3cret@127.0.0.1:6379' }).redisUrl).toBe('redis://:s3cret@127.0.0.1:6379');
  });
});
