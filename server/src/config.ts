import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rate-limits.ts';
import { parseSimulatedClock, type SimulatedClock } from './simulated-clock.ts';

/** DATA_DIR's value for the in-memory embedded store, which forgets everything when the process ends. */
export const MEMORY_DATA_DIR = ':memory:';

const Port = z.coerce.number().int().min(0).max(65_535);

const Environment = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: Port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  TICK_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  VENUE_FILE: z.string().min(1).optional(),
  DEMO_PASSWORD: z.string().min(1).optional(),
  DEMO_DEVICE_KEY: z.string().min(8, 'a device key needs at least 8 characters').optional(),
  RATE_LIMIT: z.string().default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A gate silent for longer than this is offline. */
  GATE_OFFLINE_MS: z.coerce.number().int().positive().default(5 * 60_000),
  /** How long report ids are remembered (retries within it count once). */
  IDEMPOTENCY_TTL_S: z.coerce.number().int().positive().default(30 * 24 * 3600),
  /** How long raw reports (log entries) are kept; figures and roll-ups never need them. */
  RAW_RETENTION_S: z.coerce.number().int().min(60).default(2 * 24 * 3600),
  /** Approximate most batches kept in the Redis log stream. */
  LOG_MAX_ENTRIES: z.coerce.number().int().positive().default(1_000_000),
  /** Where the embedded store keeps its data when REDIS_URL is unset; `:memory:` keeps nothing (tests only). */
  DATA_DIR: z.string().min(1).default('data'),
  REDIS_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000),
  /** Where the built dashboard is; default: the workspace's dashboard/dist. */
  DASHBOARD_DIR: z.string().min(1).optional(),
  /** Staff accounts and device keys (JSON, managed with `pnpm accounts`); required in production. */
  ACCOUNTS_FILE: z.string().min(1).optional(),
  /** How long a sign-in lasts. */
  SESSION_TTL_S: z.coerce.number().int().min(1).max(7 * 24 * 3600).default(14 * 3600),
  /** Overrides of the rate limits, e.g. `address=2000,device=1000,user=500,loginUser=10,loginAddress=50`. */
  RATE_LIMITS: z
    .string()
    .regex(/^(\s*(address|device|user|loginUser|loginAddress)=\d+\s*)(,\s*(address|device|user|loginUser|loginAddress)=\d+\s*)*$/, 'name=number pairs: address, device, user (per 10 s), loginUser, loginAddress (failures per 15 min)')
    .optional(),
  /** Comma-separated origins besides the server's own that browsers may open sockets from. */
  ALLOWED_ORIGINS: z.string().optional(),
  /** Development only: `<start>x<factor>`, a clock that starts at <start> and runs <factor> times as fast. */
  SIMULATED_CLOCK: z
    .string()
    .refine((text) => parseSimulatedClock(text) !== null, 'an ISO start and a speed-up factor, e.g. 2022-10-10T08:00:00Zx3600')
    .optional(),
});

const RATE_LIMIT_NAMES: Record<string, keyof RateLimitSettings> = {
  address: 'perAddress', device: 'perDevice', user: 'perUser', loginUser: 'loginFailuresPerUser', loginAddress: 'loginFailuresPerAddress',
};

function parseRateLimits(text: string | undefined): Partial<RateLimitSettings> {
  const limits: Partial<RateLimitSettings> = {};
  for (const pair of text?.split(',') ?? []) {
    const [name = '', value = ''] = pair.split('=').map((part) => part.trim());
    const key = RATE_LIMIT_NAMES[name];
    if (key) limits[key] = Number(value);
  }
  return limits;
}

/** Settings that must never reach production, each with what to do instead. */
function unsafeProductionSettings(e: z.infer<typeof Environment>): string[] {
  const problems: string[] = [];
  if (!e.ACCOUNTS_FILE) problems.push('ACCOUNTS_FILE is not set: create accounts with `pnpm accounts add-user` and `pnpm accounts add-device`');
  if (e.DEMO_PASSWORD !== undefined) problems.push('DEMO_PASSWORD is set: demo accounts are not for production; unset it');
  if (e.DEMO_DEVICE_KEY !== undefined) problems.push('DEMO_DEVICE_KEY is set: the demo device key is not for production; unset it');
  if (e.RATE_LIMIT === 'off') problems.push('RATE_LIMIT=off: rate limits protect the fair network; remove it');
  if (e.DATA_DIR === MEMORY_DATA_DIR && !e.REDIS_URL) problems.push('DATA_DIR=:memory: keeps nothing across restarts (tests only); set DATA_DIR to a directory');
  if (e.SIMULATED_CLOCK !== undefined) problems.push('SIMULATED_CLOCK is set: production runs on the real clock; unset it');
  return problems;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  redisUrl: string | undefined;
  tickMs: number;
  venueFile: string | undefined;
  /** Demo accounts and device key: outside production, when no accounts file is configured. */
  demo: { password: string; deviceKey: string; generated: boolean } | null;
  accountsFile: string | undefined;
  sessionTtlMs: number;
  rateLimits: RateLimitSettings;
  allowedOrigins: string[];
  rateLimit: boolean;
  logLevel: string;
  gateOfflineMs: number;
  idempotencyTtlSeconds: number;
  rawRetentionSeconds: number;
  logMaxEntries: number;
  redisTimeoutMs: number;
  /** DATA_DIR resolved against the working directory, or null for `:memory:` (nothing kept: tests only). */
  dataDir: string | null;
  dashboardDir: string;
  /** SIMULATED_CLOCK: never in production. */
  simulatedClock: SimulatedClock | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment once, listing every bad variable at once. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means unset, as shells and compose files often leave them.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Environment.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const unsafe = production ? unsafeProductionSettings(e) : [];
  if (unsafe.length) throw new ConfigError(`refusing to start in production:\n  ${unsafe.join('\n  ')}`);
  const useDemo = !production && !e.ACCOUNTS_FILE;
  return {
    production,
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL,
    tickMs: e.TICK_MS,
    venueFile: e.VENUE_FILE,
    demo: useDemo
      ? {
          password: e.DEMO_PASSWORD ?? randomBytes(9).toString('base64url'),
          deviceKey: e.DEMO_DEVICE_KEY ?? randomBytes(18).toString('base64url'),
          generated: e.DEMO_PASSWORD === undefined || e.DEMO_DEVICE_KEY === undefined,
        }
      : null,
    accountsFile: e.ACCOUNTS_FILE,
    sessionTtlMs: e.SESSION_TTL_S * 1000,
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...parseRateLimits(e.RATE_LIMITS) },
    allowedOrigins: e.ALLOWED_ORIGINS ? e.ALLOWED_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean) : [],
    rateLimit: e.RATE_LIMIT !== 'off',
    logLevel: e.LOG_LEVEL,
    gateOfflineMs: e.GATE_OFFLINE_MS,
    idempotencyTtlSeconds: e.IDEMPOTENCY_TTL_S,
    rawRetentionSeconds: e.RAW_RETENTION_S,
    logMaxEntries: e.LOG_MAX_ENTRIES,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    dataDir: e.DATA_DIR === MEMORY_DATA_DIR ? null : resolve(e.DATA_DIR),
    dashboardDir: e.DASHBOARD_DIR ?? new URL('../../dashboard/dist', import.meta.url).pathname,
    simulatedClock: e.SIMULATED_CLOCK === undefined ? null : parseSimulatedClock(e.SIMULATED_CLOCK),
  };
}
