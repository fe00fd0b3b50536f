import { fesVenue } from '@fairwatch/venue';
import { INGEST_COUNTS, countsScriptArgs } from '../server/src/store/redis-scripts.ts';
import type { PreparedCount } from '../server/src/domain/floor-counters.ts';
import { CpuMeter } from './support/proc-stat.ts';
import { DEVICE_KEY, startFairwatch } from './support/fairwatch.ts';
import { forkTracked, nextMessage, stopProcess } from './support/processes.ts';
import { hasCommand, startRedis } from './support/redis.ts';
import { redisBenchmark, redisCli } from './support/redis-benchmark.ts';
import type { IngestLoadConfig, IngestLoadResult } from './load/ingest-load.ts';

export interface IngestOptions {
  warmupMs: number;
  durationMs: number;
  connections: number;
  batch: number;
  redisRequests: number;
}

export interface IngestTarget {
  reportsPerSecond: number;
  serverCpuPercent: number | null;
  /** Redis mode: CPU of redis-server over the same window. */
  redisCpuPercent?: number;
  loadCpuPercent: number;
  failures: number;
  firstFailure: string | null;
  duplicates: number;
}

export interface IngestResults {
  bodyBytes: number;
  /** The best of the ceiling runs (one before, one after FairWatch's): noise on a shared machine only lowers it. */
  ceiling: IngestTarget;
  ceilingRuns: number[];
  embedded: IngestTarget | { error: string };
  redis: IngestTarget | { error: string };
  redisBenchmark:
    | {
        setNxExPerSecond: number;
        hincrbyPerSecond: number;
        hsetPerSecond: number;
        /** 1 SET NX EX + 3 HINCRBY + 1 HSET per report, the per-report commands of the ingest script. */
        commandsReportsPerSecond: number;
        /** The ingest Lua script itself by EVALSHA, batches of `batch` reports, 16 clients. */
        scriptReportsPerSecond: number | null;
        scriptNote: string | null;
      }
    | { error: string };
}

const LOAD = new URL('./load/ingest-load.ts', import.meta.url);
const BARE = new URL('./load/bare-ingest-server.ts', import.meta.url);
const gates = fesVenue.gates.map((gate) => gate.id);

async function drive(url: string, serverPid: number, options: IngestOptions, runId: string, redisPid?: number): Promise<IngestTarget & { bodyBytes: number }> {
  const config: IngestLoadConfig = { url, deviceKey: DEVICE_KEY, gates, connections: options.connections, batch: options.batch, warmupMs: options.warmupMs, durationMs: options.durationMs, runId };
  const child = forkTracked(LOAD, [JSON.stringify(config)]);
  const result = nextMessage(child, (m): m is IngestLoadResult => (m as { reply?: string }).reply === 'ingest', options.warmupMs + options.durationMs + 60_000);
  // Server CPU over the measured window only.
  const meter = new Promise<[number, number | undefined]>((resolve) => setTimeout(() => {
    const cpu = new CpuMeter(serverPid).start();
    const redisCpu = redisPid === undefined ? undefined : new CpuMeter(redisPid).start();
    setTimeout(() => resolve([cpu.percent(), redisCpu?.percent()]), options.durationMs);
  }, options.warmupMs));
  const [load, [serverCpuPercent, redisCpuPercent]] = await Promise.all([result, meter]);
  await stopProcess(child);
  return { reportsPerSecond: load.reportsPerSecond, serverCpuPercent, ...(redisCpuPercent === undefined ? {} : { redisCpuPercent }), loadCpuPercent: load.loadCpuPercent, failures: load.failures, firstFailure: load.firstFailure, duplicates: load.duplicates, bodyBytes: load.bodyBytes };
}

const failed = (error: unknown) => ({ error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });

/** Count reports per second accepted, in batches, against the ceiling, both store modes and Redis alone. */
export async function measureIngest(options: IngestOptions, log: (line: string) => void): Promise<IngestResults> {
  const runId = `bench-${Date.now().toString(36)}`;

  const ceilings: Array<IngestTarget & { bodyBytes: number }> = [];
  const measureCeiling = async () => {
    log('ingest: bare Node ceiling');
    const bare = forkTracked(BARE);
    try {
      const { port } = await nextMessage(bare, (m): m is { reply: 'listening'; port: number } => (m as { reply?: string }).reply === 'listening');
      ceilings.push(await drive(`http://127.0.0.1:${port}`, bare.pid!, options, `${runId}-bare`));
    } finally {
      await stopProcess(bare);
    }
  };
  await measureCeiling();

  log('ingest: FairWatch, embedded store');
  let embedded: IngestResults['embedded'];
  try {
    const server = await startFairwatch();
    try {
      embedded = await drive(server.url, server.pid, options, `${runId}-embedded`);
    } finally {
      await server.stop();
    }
  } catch (error) {
    embedded = failed(error);
  }

  let redis: IngestResults['redis'] = { error: 'redis-server is not installed' };
  let bench: IngestResults['redisBenchmark'] = { error: 'redis-server / redis-benchmark are not installed' };
  if (hasCommand('redis-server')) {
    const store = await startRedis();
    try {
      log('ingest: FairWatch, Redis store');
      try {
        const server = await startFairwatch({ REDIS_URL: store.url });
        try {
          redis = await drive(server.url, server.pid, options, `${runId}-redis`, store.pid);
        } finally {
          await server.stop();
        }
      } catch (error) {
        redis = failed(error);
      }
      if (hasCommand('redis-benchmark')) {
        log('ingest: redis-benchmark');
        try {
          bench = await benchmarkRedis(store.port, options);
        } catch (error) {
          bench = failed(error);
        }
      }
    } finally {
      await store.stop();
    }
  }
  await measureCeiling();
  const { bodyBytes, ...ceiling } = ceilings.reduce((best, run) => (run.reportsPerSecond > best.reportsPerSecond ? run : best));
  return { bodyBytes, ceiling, ceilingRuns: ceilings.map((run) => run.reportsPerSecond), embedded, redis, redisBenchmark: bench };
}

async function benchmarkRedis(port: number, options: IngestOptions): Promise<Exclude<IngestResults['redisBenchmark'], { error: string }>> {
  const pipelined = { requests: options.redisRequests, clients: options.connections, pipeline: 100 };
  const setNxExPerSecond = await redisBenchmark(port, pipelined, ['SET', 'bench:seen:count:__rand_int__', '1', 'NX', 'EX', '2592000']);
  const hincrbyPerSecond = await redisBenchmark(port, pipelined, ['HINCRBY', 'bench:gates:day', 'main-gate:in', '1']);
  const hsetPerSecond = await redisBenchmark(port, pipelined, ['HSET', 'bench:gate-last-report', 'main-gate', '1700000000000']);
  const commandsReportsPerSecond = 1 / (1 / setNxExPerSecond + 3 / hincrbyPerSecond + 1 / hsetPerSecond);

  // The real script: the same arguments the Redis store passes (see RedisStore.ingestCounts).
  let scriptReportsPerSecond: number | null = null;
  let scriptNote: string | null = null;
  try {
    const sha = await redisCli(port, ['SCRIPT', 'LOAD', INGEST_COUNTS]);
    const now = new Date();
    const at = new Date(now.getTime() - 1_000);
    const context = { nowMs: now.getTime(), nowIso: now.toISOString(), today: at.toISOString().slice(0, 10) };
    const scriptOptions = { prefix: '{fw}:', idTtlSeconds: 30 * 24 * 3600, logMaxEntries: 1_000_000 };
    const header = countsScriptArgs([], context, scriptOptions);
    const reports = (id: (i: number) => string) =>
      countsScriptArgs(Array.from({ length: options.batch }, (_, i): PreparedCount => {
        const gate = fesVenue.gates[i % fesVenue.gates.length]!;
        return { id: id(i), gate: gate.id, line: gate, in: 1 + (i % 3), out: i % 2, at: at.toISOString(), atMs: at.getTime(), day: context.today, hour: at.getUTCHours() };
      }), context, scriptOptions).slice(header.length);
    const check = await redisCli(port, ['EVALSHA', sha, '0', ...header, ...reports((i) => `check-${i}`)]);
    if (!check.startsWith(String(options.batch))) throw new Error(`the script answered "${check.slice(0, 80)}" to a fresh batch: its arguments changed?`);
    const calls = Math.max(200, Math.round(options.redisRequests / 500));
    const perSecond = await redisBenchmark(port, { requests: calls, clients: options.connections, pipeline: 1 }, ['EVALSHA', sha, '0', ...header, ...reports((i) => `__rand_int__-${i}`)]);
    scriptReportsPerSecond = perSecond * options.batch;
  } catch (error) {
    scriptNote = String(error instanceof Error ? error.message : error).slice(0, 200);
  }
  return { setNxExPerSecond, hincrbyPerSecond, hsetPerSecond, commandsReportsPerSecond, scriptReportsPerSecond, scriptNote };
}
