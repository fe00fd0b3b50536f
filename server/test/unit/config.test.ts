import { describe, expect, it } from 'vitest';
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
    const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json' };
    expect(loadConfig(production).simulatedClock).toBeNull();
    expect(() => loadConfig({ ...production, SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' })).toThrow(/SIMULATED_CLOCK is set: production runs on the real clock; unset it/);
  });
});

describe('limits in the configuration', () => {
  const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json' };

  it('reads NODE_ENV in any case and refuses values it does not know', () => {
    expect(loadConfig({ NODE_ENV: 'PRODUCTION', ACCOUNTS_FILE: 'a.json' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: ' Production ', ACCOUNTS_FILE: 'a.json' }).demo).toBeNull();
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
