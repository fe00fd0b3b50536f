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
    const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json' };
    expect(loadConfig(production).simulatedClock).toBeNull();
    expect(() => loadConfig({ ...production, SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, SIMULATED_CLOCK: '2022-10-10T08:00:00Zx3600' })).toThrow(/SIMULATED_CLOCK is set: production runs on the real clock; unset it/);
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
    const production = { NODE_ENV: 'production', ACCOUNTS_FILE: 'accounts.json' };
    expect(() => loadConfig({ ...production, DATA_DIR: ':memory:' })).toThrow(/DATA_DIR=:memory: keeps nothing across restarts \(tests only\); set DATA_DIR to a directory/);
    expect(loadConfig({ ...production, DATA_DIR: ':memory:', REDIS_URL: 'redis://127.0.0.1:6379' }).redisUrl).toBe('redis://127.0.0.1:6379');
  });
});
