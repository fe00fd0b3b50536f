/**
 * Memory over a simulated ten-day fair: the real server, in each store mode, on a simulated clock
 * (SIMULATED_CLOCK), is sent the days of the seeded simulator model through the public HTTP API, each
 * report dated in simulated time and sent once the server's clock has reached it. After each day and a
 * short settle: server RSS, Redis `used_memory`, and the store's raw stats (log entries, remembered ids)
 * as the retention job logs them. Roll-ups grow by a few KB a day; raw material must not grow with the
 * reports once RAW_RETENTION_S and IDEMPOTENCY_TTL_S have come round, so memory must stay flat.
 */
import { Agent } from 'node:http';
import type { Checkin, CountReport } from '@fairwatch/protocol';
import { batchesOf, simulateDay, type SimulatedDay } from '@fairwatch/simulator';
import { fesVenue } from '@fairwatch/venue';
import { simulatedTimeMs, type SimulatedClock } from '../server/src/simulated-clock.ts';
import type { Failed } from './results.ts';
import { benchDataDir, dataFileBytes, DEVICE_KEY, startFairwatch, type FairwatchServer } from './support/fairwatch.ts';
import { send } from './support/http.ts';
import { rssBytes } from './support/proc-stat.ts';
import { sleep } from './support/processes.ts';
import { hasCommand, startRedis, type BenchRedis } from './support/redis.ts';
import { redisCli } from './support/redis-benchmark.ts';

export interface TenDaysOptions {
  days: number;
  /** Real seconds a simulated day lasts: the clock runs 86,400 ÷ this times as fast. */
  secondsPerDay: number;
  /** Stand scans per visitor-minute (the model's default: 0.06). */
  checkinsPerVisitorMinute: number;
  /** Real ms between a day's last report and its sample; longer than the retention job's 250 ms. */
  settleMs: number;
}

export interface DaySample {
  day: string;
  /** Simulated time of the sample. */
  at: string;
  rssBytes: number;
  /** V8's live heap after its last full GC (--trace-gc; none forced): what RSS holds besides spare heap. */
  heapAfterGcBytes: number | null;
  redisUsedMemoryBytes: number | null;
  /** From the retention job's last run (null if it has not logged yet). */
  logEntries: number | null;
  ids: number | null;
  /** Durable embedded store: bytes of its data file (LMDB reuses the pages trimming frees; the file never shrinks). */
  diskBytes?: number | null;
}

export interface TenDaysRun {
  /** The simulated days, one sample each. */
  days: string[];
  seconds: number;
  /** Count reports and check-ins accepted. */
  reports: number;
  failures: number;
  firstFailure: string | null;
  /** Most simulated minutes a batch was sent after its time (the server or the machine was busy). */
  maxLagMinutes: number;
  start: { rssBytes: number; redisUsedMemoryBytes: number | null };
  samples: DaySample[];
  /** Growth by the flatness rule (a fraction of the middle day's value). */
  rssGrowth: number | null;
  redisGrowth: number | null;
  /** Durable embedded store: a restart on the ten-day data directory, spawn to /health answering (ms). */
  startupMs?: number | null;
  /** Durable: of which opening the store (checks, loading the in-memory part), as the server logs it. */
  storeOpenMs?: number | null;
  /** Durable: the data file's growth per day from the middle day on (least-squares slope), after trimming. */
  diskBytesPerDay?: number | null;
}

export interface TenDaysResults {
  days: number;
  clockFactor: number;
  idempotencyTtlSeconds: number;
  rawRetentionSeconds: number;
  checkinsPerVisitorMinute: number;
  /** Most growth by the rule that is still flat, per kind of series. */
  tolerance: { rss: number; redisUsedMemory: number };
  rule: string;
  embedded: TenDaysRun | Failed;
  /** The durable embedded store (DATA_DIR), same days. */
  durable: TenDaysRun | Failed;
  redis: TenDaysRun | Failed;
  /** The largest growth of the judged series, and whether each stayed under its tolerance. */
  worstGrowth: number | null;
  flat: boolean | null;
}

/**
 * Days of the Fes fair's venue from its opening day, every one played as a Tuesday (the model's
 * weekday 2) so that each brings the same traffic and growth shows as growth (a weekend brings 1.6-1.7
 * times the visitors). Both modes get the same crowd.
 */
const FIRST_DAY = '2022-10-10';
type Mode = 'embedded' | 'durable' | 'redis';
const WEEKDAY = 2;
const SEED = 8;
const DAY_MS = 86_400_000;
/** One simulated day each: trimming and forgetting start on day 2 and hold from then on. */
const RAW_RETENTION_S = 86_400;
const IDEMPOTENCY_TTL_S = 86_400;
/** Real time the server gets to start before the first opening. */
const LEAD_IN_MS = 2_000;
/**
 * Redis used_memory is exact, and roll-ups add about 1 % of it a day; RSS moves by several % from one
 * day to the next with the same data (V8 sizes its heap to several times the live data), and the
 * embedded store's per-day badge sets add about 1 MB of live heap a day. With nothing trimmed (both
 * periods at 30 days) the same run grew by 45 % (embedded RSS) and 78 % (Redis used_memory).
 */
const TOLERANCE = { rss: 0.2, redisUsedMemory: 0.1 };
const rule = (settleMs: number) =>
  `flat when, from the middle day (day 5 of 10) to the last, the least-squares slope times those days is under ${TOLERANCE.rss * 100} % of the middle day's value for server RSS (each mode) and under ${TOLERANCE.redisUsedMemory * 100} % for Redis used_memory; sampled ${settleMs} ms after each day's last report, no GC forced`;

const dayAfter = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The least-squares slope per step of the second half of `values` (null under 3 values). */
export function slopeFromMiddle(values: readonly number[]): number | null {
  const ys = values.slice(Math.ceil(values.length / 2) - 1);
  if (ys.length < 3) return null;
  const meanX = (ys.length - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  ys.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  return covariance / variance;
}

/** Growth by the rule: the least-squares slope over the second half, times its days, ÷ its first value (null under 3 days). */
export function growthFromMiddle(values: readonly number[]): number | null {
  const ys = values.slice(Math.ceil(values.length / 2) - 1);
  if (ys.length < 3 || !ys[0]) return null;
  const meanX = (ys.length - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
  let covariance = 0;
  let variance = 0;
  ys.forEach((y, x) => {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  });
  return ((covariance / variance) * (ys.length - 1)) / ys[0];
}

/**
 * The reports of GROUP_MINUTES simulated minutes, sent together once the clock has reached the last
 * (as the simulator's runner sends a tick's worth), in batches of at most 1,000: fewer, larger
 * requests keep up with a fast clock on a busy machine, and make the same batches on every run.
 */
const GROUP_MINUTES = 10;
function groupsOf(day: SimulatedDay): Array<{ atMs: number; counts: CountReport[]; checkins: Checkin[] }> {
  const groups = [];
  for (let i = 0; i < day.steps.length; i += GROUP_MINUTES) {
    const steps = day.steps.slice(i, i + GROUP_MINUTES);
    groups.push({ atMs: steps.at(-1)!.atMs, counts: steps.flatMap((step) => step.counts), checkins: steps.flatMap((step) => step.checkins) });
  }
  return groups;
}

async function redisUsedMemory(redis: BenchRedis | null): Promise<number | null> {
  if (!redis) return null;
  const info = await redisCli(redis.port, ['INFO', 'memory']);
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? NaN);
}

const MARK_COMPACT = /^\[\d+:(0x[0-9a-f]+)\].* ms: Mark-Compact.* -> ([\d.]+) \(/;

/** What the bench reads from the server's stdout: its clock's real start, the retention job's raw stats, full GCs. */
class ServerOutput {
  realStartMs: number | null = null;
  raw: { logEntries: number; ids: number } | null = null;
  /** MB live after the last full GC, per V8 isolate (the loader's thread has its own, smaller). */
  private readonly heapAfterGc = new Map<string, number>();

  readonly onLine = (line: string) => {
    const gc = MARK_COMPACT.exec(line);
    if (gc) this.heapAfterGc.set(gc[1]!, Number(gc[2]));
    if (!line.startsWith('{')) return;
    let entry: { simulatedClock?: { realStartMs: number }; logEntries?: number; ids?: number };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return; // not a log line
    }
    if (entry.simulatedClock) this.realStartMs = entry.simulatedClock.realStartMs;
    if (typeof entry.logEntries === 'number' && typeof entry.ids === 'number') this.raw = { logEntries: entry.logEntries, ids: entry.ids };
  };

  heapAfterGcBytes(): number | null {
    return this.heapAfterGc.size ? Math.max(...this.heapAfterGc.values()) * 2 ** 20 : null;
  }
}

type Played = Omit<TenDaysRun, 'seconds' | 'rssGrowth' | 'redisGrowth'>;

/** Plays the days against one server, sampling after each; `dayAt` makes them one at a time. */
async function playFair(server: FairwatchServer, output: ServerOutput, clock: SimulatedClock, redis: BenchRedis | null, days: string[], dayAt: (index: number) => SimulatedDay, settleMs: number, diskBytes: () => number | null): Promise<Played> {
  const realStartMs = output.realStartMs;
  if (realStartMs === null) throw new Error('the server did not log its simulated clock');
  const serverNow = () => simulatedTimeMs(clock, performance.timeOrigin + performance.now() - realStartMs);
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const headers = { authorization: `Bearer ${DEVICE_KEY}` };
  const run: Played = {
    days,
    reports: 0,
    failures: 0,
    firstFailure: null,
    maxLagMinutes: 0,
    start: { rssBytes: rssBytes(server.pid), redisUsedMemoryBytes: await redisUsedMemory(redis) },
    samples: [],
  };
  const post = async (path: string, items: readonly object[]) => {
    for (const batch of batchesOf(items)) {
      const reply = await send(server.url, 'POST', path, { agent, body: JSON.stringify(batch), headers }).catch((error: unknown) => ({ status: 0, body: String(error) }));
      if (reply.status === 202) run.reports += batch.length;
      else {
        run.failures++;
        run.firstFailure ??= `${path}: ${reply.status} ${reply.body.slice(0, 200)}`;
      }
    }
  };
  try {
    for (let index = 0; index < days.length; index++) {
      for (const group of groupsOf(dayAt(index))) {
        const aheadMs = group.atMs - serverNow();
        if (aheadMs > 0) await sleep(aheadMs / clock.factor);
        else run.maxLagMinutes = Math.max(run.maxLagMinutes, -aheadMs / 60_000);
        await Promise.all([post('/api/v1/counts', group.counts), post('/api/v1/checkins', group.checkins)]);
      }
      // The retention job runs every 250 ms at this speed: the settle sees it run after the last report.
      await sleep(settleMs);
      run.samples.push({
        day: days[index]!,
        at: new Date(serverNow()).toISOString(),
        rssBytes: rssBytes(server.pid),
        heapAfterGcBytes: output.heapAfterGcBytes(),
        redisUsedMemoryBytes: await redisUsedMemory(redis),
        logEntries: output.raw?.logEntries ?? null,
        ids: output.raw?.ids ?? null,
        diskBytes: diskBytes(),
      });
    }
  } finally {
    agent.destroy();
  }
  return run;
}

/** Both store modes, one after the other (Redis skipped without redis-server). */
export async function measureTenDays(options: TenDaysOptions, log: (line: string) => void, only?: 'durable'): Promise<TenDaysResults> {
  const factor = DAY_MS / (options.secondsPerDay * 1000);
  const model = { checkinsPerVisitorMinute: options.checkinsPerVisitorMinute, weekday: WEEKDAY };
  const fair = () => {
    const days = Array.from({ length: options.days }, (_, i) => dayAfter(FIRST_DAY, i));
    const first = simulateDay(fesVenue, days[0]!, 0, SEED, model);
    return { days, first, dayAt: (index: number) => (index === 0 ? first : simulateDay(fesVenue, days[index]!, index, SEED, model)) };
  };

  const measure = async (mode: Mode): Promise<TenDaysRun> => {
    const { days, first, dayAt } = fair();
    const redis = mode === 'redis' ? await startRedis() : null;
    const dataDir = mode === 'durable' ? benchDataDir() : null;
    try {
      const clock = { startMs: first.steps[0]!.atMs - LEAD_IN_MS * factor, factor };
      const output = new ServerOutput();
      const env: Record<string, string> = {
        SIMULATED_CLOCK: `${new Date(clock.startMs).toISOString()}x${factor}`,
        IDEMPOTENCY_TTL_S: String(IDEMPOTENCY_TTL_S),
        RAW_RETENTION_S: String(RAW_RETENTION_S),
        // The retention job logs the raw stats it leaves at debug level.
        LOG_LEVEL: 'debug',
        ...(redis ? { REDIS_URL: redis.url } : {}),
        ...(dataDir ? { DATA_DIR: dataDir } : {}),
      };
      const diskBytes = () => (dataDir ? dataFileBytes(dataDir) : null);
      const started = performance.now();
      const server = await startFairwatch(env, ['--trace-gc'], output.onLine);
      let result: TenDaysRun;
      try {
        const run = await playFair(server, output, clock, redis, days, dayAt, options.settleMs, diskBytes);
        const growth = (pick: (sample: DaySample) => number | null) => {
          const values = run.samples.map(pick);
          return values.includes(null) ? null : growthFromMiddle(values as number[]);
        };
        const disk = run.samples.map((sample) => sample.diskBytes ?? null);
        result = {
          ...run,
          seconds: (performance.now() - started) / 1000,
          rssGrowth: growth((s) => s.rssBytes),
          redisGrowth: redis ? growth((s) => s.redisUsedMemoryBytes) : null,
          ...(dataDir ? { diskBytesPerDay: disk.includes(null) ? null : slopeFromMiddle(disk as number[]) } : {}),
        };
      } finally {
        await server.stop();
      }
      if (dataDir) {
        // Start-up with the data directory the days left: spawn to the first /health answer.
        const restartAt = performance.now();
        let openMs: number | null = null;
        const restarted = await startFairwatch({ ...env, LOG_LEVEL: 'info' }, [], (line) => {
          const opened = /"openMs":(\d+)/.exec(line);
          if (opened) openMs = Number(opened[1]);
        });
        result.startupMs = performance.now() - restartAt;
        result.storeOpenMs = openMs;
        await restarted.stop();
      }
      return result;
    } finally {
      await redis?.stop();
    }
  };
  const attempt = (mode: Mode) => measure(mode).catch((error: unknown): Failed => ({ error: error instanceof Error ? error.message.split('\n')[0]! : String(error) }));

  const notMeasured: Failed = { error: 'not measured (--durable)' };
  let embedded: TenDaysRun | Failed = notMeasured;
  if (only !== 'durable') {
    log(`ten days: embedded store (in memory), ${options.days} simulated days of ${options.secondsPerDay} s`);
    embedded = await attempt('embedded');
  }
  log(`ten days: durable embedded store (DATA_DIR), ${options.days} simulated days of ${options.secondsPerDay} s`);
  const durable = await attempt('durable');
  const withRedis = hasCommand('redis-server') && only !== 'durable';
  let redis: TenDaysRun | Failed = { error: 'redis-server is not installed' };
  if (withRedis) {
    log(`ten days: Redis store, ${options.days} simulated days of ${options.secondsPerDay} s`);
    redis = await attempt('redis');
  }
  // Each judged series with its tolerance; a failed mode leaves the verdict open.
  const judged: Array<{ growth: number | null; tolerance: number }> = [{ growth: 'error' in durable ? null : durable.rssGrowth, tolerance: TOLERANCE.rss }];
  if (only !== 'durable') judged.push({ growth: 'error' in embedded ? null : embedded.rssGrowth, tolerance: TOLERANCE.rss });
  if (withRedis) {
    const run = 'error' in redis ? null : redis;
    judged.push({ growth: run?.rssGrowth ?? null, tolerance: TOLERANCE.rss }, { growth: run?.redisGrowth ?? null, tolerance: TOLERANCE.redisUsedMemory });
  }
  const complete = judged.every((series) => series.growth !== null);
  return {
    days: options.days,
    clockFactor: factor,
    idempotencyTtlSeconds: IDEMPOTENCY_TTL_S,
    rawRetentionSeconds: RAW_RETENTION_S,
    checkinsPerVisitorMinute: options.checkinsPerVisitorMinute,
    tolerance: TOLERANCE,
    rule: rule(options.settleMs),
    embedded,
    durable,
    redis,
    worstGrowth: complete ? Math.max(...judged.map((series) => series.growth!)) : null,
    flat: complete ? judged.every((series) => series.growth! < series.tolerance) : null,
  };
}
