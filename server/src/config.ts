import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './http/client-address.ts';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './http/rate-limits.ts';
import { parseSimulatedClock, type SimulatedClock } from './simulated-clock.ts';

/** DATA_DIR's value for the in-memory embedded store, which forgets everything when the process ends. */
export const MEMORY_DATA_DIR = ':memory:';

const Port = z.coerce.number().int().min(0).max(65_535);

/** The environments the server knows; any other NODE_ENV is refused (a typo must not start a demo). */
export const NODE_ENVS = ['development', 'test', 'production'] as const;

const Environment = z.object({
  // Compared case-insensitively: `Production` is production, `prod` is refused rather than a demo.
  NODE_ENV: z
    .preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
      z.enum(NODE_ENVS, { error: (issue) => `"${String(issue.input)}" is not one of ${NODE_ENVS.join(', ')} (for production, set NODE_ENV=production)` }),
    )
    .default('development'),
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
  /**
   * The oldest report accepted, in seconds before now (default 7 days, at most IDEMPOTENCY_TTL_S: an
   * older report's id may be forgotten, so a retry of it would count twice). Older reports: 422.
   */
  MAX_REPORT_AGE_S: z.coerce.number().int().positive().default(7 * 24 * 3600),
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
    .regex(/^(\s*(address|device|user|loginUser|loginAddress|deviceKeys)=\d+\s*)(,\s*(address|device|user|loginUser|loginAddress|deviceKeys)=\d+\s*)*$/, 'name=number pairs: address, device, user (per 10 s), loginUser, loginAddress (sign-in attempts per 15 min), deviceKeys (unproven device keys per minute)')
    .optional(),
  /** Which proxies' X-Forwarded-For is believed: off (default), a hop count, or addresses/CIDRs/`loopback`. */
  TRUST_PROXY: z
    .string()
    .refine((text) => parseTrustProxy(text) !== null, 'off, a hop count (1-10), or a comma list of proxy addresses, CIDR networks or `loopback`')
    .optional(),
  /** A certificate chain and its private key (PEM): the server speaks HTTPS and WSS itself. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** `1`: production may serve plain HTTP, because a TLS-terminating proxy stands in front. */
  ALLOW_HTTP: z.enum(['0', '1']).optional(),
  /** `1`: production may use a Redis without a password (a Redis that only this host can reach). */
  REDIS_ALLOW_NO_AUTH: z.enum(['0', '1']).optional(),
  /** Key of the MAC on every stored session; every instance on one Redis must share it. */
  SESSION_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  /** Most connections the server keeps open at once (HTTP and sockets); more wait in the kernel's queue. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
  /** How long a client may take to send a request's headers. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** How long a client may take to send a whole request (headers and body: a slow body is cut off). */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  /** Comma-separated origins besides the server's own that browsers may open sockets from. */
  ALLOWED_ORIGINS: z.string().optional(),
  /** Vendor counters and their line-to-gate mapping (JSON, see README "Vendor counters"). */
  DEVICES_FILE: z.string().min(1).optional(),
  /** Subscribe to the devices' MQTT topics on this broker (mqtt://user:pass@host:1883, mqtts://…). */
  MQTT_URL: z.url({ protocol: /^(mqtts?|wss?|tcp|ssl)$/ }).optional(),
  /** The MQTT client id of the persistent session; give each instance its own. */
  MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, '1 to 64 letters, digits, dots, dashes or underscores').optional(),
  /** Development only: `<start>x<factor>`, a clock that starts at <start> and runs <factor> times as fast. */
  SIMULATED_CLOCK: z
    .string()
    .refine((text) => parseSimulatedClock(text) !== null, 'an ISO start and a speed-up factor, e.g. 2022-10-10T08:00:00Zx3600')
    .optional(),
});

const RATE_LIMIT_NAMES: Record<string, keyof RateLimitSettings> = {
  address: 'perAddress', device: 'perDevice', user: 'perUser', loginUser: 'loginFailuresPerUser', loginAddress: 'loginFailuresPerAddress', deviceKeys: 'deviceKeyChecksPerAddress',
};

/** Whether a Redis URL carries a password (`redis://:secret@host` or `redis://user:secret@host`). */
function redisUrlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
}
/** The highest rate limits production accepts (ten times the defaults): an override may loosen, never remove them. */
export const RATE_LIMIT_CEILINGS = Object.fromEntries(
  Object.entries(DEFAULT_RATE_LIMITS).map(([name, value]) => [name, value * 10]),
) as unknown as RateLimitSettings;

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
  if (!e.TLS_CERT_FILE && e.ALLOW_HTTP !== '1') {
    problems.push('no TLS: passwords and tokens would cross the network in clear. Set TLS_CERT_FILE and TLS_KEY_FILE (`pnpm tls:local` makes them), or ALLOW_HTTP=1 if a TLS-terminating proxy stands in front');
  }
  if (e.REDIS_URL && !redisUrlHasPassword(e.REDIS_URL) && e.REDIS_ALLOW_NO_AUTH !== '1') {
    problems.push('REDIS_URL has no password: write access to Redis is admin access. Use redis://:PASSWORD@host:6379 (requirepass), or REDIS_ALLOW_NO_AUTH=1 if nothing else can reach that Redis');
  }
  if (e.REDIS_URL && !e.SESSION_SECRET) {
    problems.push('SESSION_SECRET is not set: with Redis, every instance must share one (32+ characters, e.g. `openssl rand -base64 32`)');
  }
  const limits = parseRateLimits(e.RATE_LIMITS);
  for (const [name, key] of Object.entries(RATE_LIMIT_NAMES)) {
    const value = limits[key];
    if (value !== undefined && value > RATE_LIMIT_CEILINGS[key]) problems.push(`RATE_LIMITS ${name}=${value} is above the most production allows (${RATE_LIMIT_CEILINGS[key]})`);
    if (value === 0) problems.push(`RATE_LIMITS ${name}=0 would refuse every request; use at least 1`);
  }
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) problems.push('HEADERS_TIMEOUT_MS is longer than REQUEST_TIMEOUT_MS');
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
  /** MAX_REPORT_AGE_S, never above IDEMPOTENCY_TTL_S. */
  maxReportAgeSeconds: number;
  rawRetentionSeconds: number;
  logMaxEntries: number;
  redisTimeoutMs: number;
  /** MAX_CONNECTIONS, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS: what a slow or greedy client can hold. */
  connections: { max: number; headersTimeoutMs: number; requestTimeoutMs: number };
  /** DATA_DIR resolved against the working directory, or null for `:memory:` (nothing kept: tests only). */
  dataDir: string | null;
  dashboardDir: string;
  /** SIMULATED_CLOCK: never in production. */
  simulatedClock: SimulatedClock | null;
  /** Whose X-Forwarded-For is believed (TRUST_PROXY). */
  trustProxy: TrustProxy;
  /** TLS_CERT_FILE and TLS_KEY_FILE: HTTPS and WSS served directly; null: plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  /** Production without TLS, allowed by ALLOW_HTTP=1 (a TLS-terminating proxy in front). */
  plainHttpAllowed: boolean;
  /** The key of the sessions' MAC; `generated`: random for this process (sessions end at restart). */
  sessionSecret: { value: string; source: 'configured' | 'generated' | 'development' };
  devicesFile: string | undefined;
  mqttUrl: string | undefined;
  mqttClientId: string | undefined;
  /**
   * Minutes of the fair that one minute of counts stands for (issue 18): 1, except in the demo, whose
   * simulator plays the fair faster than the real clock; gate flows are divided by it. Not an environment
   * variable: only `pnpm start` sets it, from SIMULATOR_SPEED.
   */
  flowTimeScale: number;
}

/**
 * Outside production without SESSION_SECRET, instances on one Redis (the local cluster, the fault
 * tests) still need one key: a fixed one, which is why production with Redis requires its own.
 */
const DEVELOPMENT_SESSION_SECRET = 'fairwatch-development-only-session-secret-never-in-production';

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
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) throw new ConfigError('invalid environment:\n  TLS_CERT_FILE and TLS_KEY_FILE go together: set both or neither');
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
    maxReportAgeSeconds: Math.min(e.MAX_REPORT_AGE_S, e.IDEMPOTENCY_TTL_S),
    rawRetentionSeconds: e.RAW_RETENTION_S,
    logMaxEntries: e.LOG_MAX_ENTRIES,
    redisTimeoutMs: e.REDIS_TIMEOUT_MS,
    // Node wants the headers' deadline within the request's.
    connections: { max: e.MAX_CONNECTIONS, headersTimeoutMs: Math.min(e.HEADERS_TIMEOUT_MS, e.REQUEST_TIMEOUT_MS), requestTimeoutMs: e.REQUEST_TIMEOUT_MS },
    dataDir: e.DATA_DIR === MEMORY_DATA_DIR ? null : resolve(e.DATA_DIR),
    dashboardDir: e.DASHBOARD_DIR ?? new URL('../../dashboard/dist', import.meta.url).pathname,
    simulatedClock: e.SIMULATED_CLOCK === undefined ? null : parseSimulatedClock(e.SIMULATED_CLOCK),
    trustProxy: parseTrustProxy(e.TRUST_PROXY)!,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE } : null,
    plainHttpAllowed: e.ALLOW_HTTP === '1',
    sessionSecret: e.SESSION_SECRET
      ? { value: e.SESSION_SECRET, source: 'configured' }
      : production
        ? { value: randomBytes(32).toString('base64url'), source: 'generated' }
        : { value: DEVELOPMENT_SESSION_SECRET, source: 'development' },
    devicesFile: e.DEVICES_FILE,
    mqttUrl: e.MQTT_URL,
    mqttClientId: e.MQTT_CLIENT_ID,
    flowTimeScale: 1,
  };
}
