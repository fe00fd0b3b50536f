import { fesVenue } from '@fairwatch/venue';
import { SCRIPTS, countsScriptArgs } from '../server/src/store/redis-scripts.ts';
import type { PreparedCount } from '../server/src/domain/floor-counters.ts';
import { CpuMeter } from './support/proc-stat.ts';
import { benchDataDir, dataFileBytes, DEVICE_KEY, startFairwatch } from './support/fairwatch.ts';
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
  /** Reports accepted over warm-up and measure. */
  accepted?: number;
}

/** The durable embedded store (DATA_DIR on disk): the ingest row plus what it left on disk. */
export type DurableIngestTarget = IngestTarget & { diskBytes: number; diskBytesPerReport: number | null };

export interface IngestResults {
  bodyBytes: number;
  /** The best of the ceiling runs (one before, one after FairWatch's): noise on a shared machine only lowers it. */
  ceiling: IngestTarget;
  ceilingRuns: number[];
  embedded: IngestTarget | { error: string };
  /** Right after `embedded`, same load: the ratio of the two is the durable store's target (≥ 0.5). */
  durable: DurableIngestTarget | { error: string };
  redis: IngestTarget | { error: string };
  redisBenchmark:
    | {
        /**
         * The commands the ingest script issues per batch, counted by Redis during the Redis run
         * (INFO commandstats: calls ÷ EVALSHA calls), each measured alone by redis-benchmark, pipelined.
         */
        commands: Array<{ command: string; callsPerBatch: number; perSecond: number }>;
        /** Reports per second if Redis did nothing but those commands: batch ÷ Σ calls ÷ rate (null: failed, see commandsNote). */
        commandsReportsPerSecond: number | null;
        commandsNote: string | null;
        /**
         * The ingest Lua script itself by EVALSHA, batches of `batch` reports, 16 clients: the ceiling of
         * Redis mode (FairWatch cannot ingest faster than Redis runs its script). Measured first.
         */
        scriptReportsPerSecond: number | null;
        scriptNote: string | null;
      }
    | { error: string };
}

const LOAD = new URL('./load/ingest-load.ts', import.meta.url);
const BARE = new URL('./load/bare-ingest-server.ts', import.meta.url);
const gates = fesVenue.gates.map((gate) => gate.id);

export async function drive(url: string, serverPid: number, options: IngestOptions, runId: string, redisPid?: number): Promise<IngestTarget & { bodyBytes: number }> {
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
  return { reportsPerSecond: load.reportsPerSecond, serverCpuPercent, ...(redisCpuPercent === undefined ? {} : { redisCpuPercent }), loadCpuPercent: load.loadCpuPercent, failures: load.failures, firstFailure: load.firstFailure, duplicates: load.duplicates, accepted: load.accepted, bodyBytes: load.bodyBytes };
}

const isFailedTarget = (target: unknown): target is { error: string } => typeof target === 'object' && target !== null && 'error' in target;
const failed = (error: unknown) => ({ error: error instanceof Error ? error.message.split('\n')[0]! : String(error) });

/** Count reports per second accepted, in batches, against the ceiling, both store modes and Redis alone. */
export async function measureIngest(options: IngestOptions, log: (line: string) => void, only?: 'durable'): Promise<IngestResults> {
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
  if (only !== 'durable') await measureCeiling();

  log('ingest: FairWatch, embedded store (in memory)');
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

  log('ingest: FairWatch, durable embedded store (DATA_DIR)');
  let durable: IngestResults['durable'];
  try {
    const dataDir = benchDataDir();
    const server = await startFairwatch({ DATA_DIR: dataDir });
    let run: IngestTarget & { bodyBytes: number };
    try {
      run = await drive(server.url, server.pid, options, `${runId}-durable`);
    } finally {
      await server.stop();
    }
    const diskBytes = dataFileBytes(dataDir);
    durable = { ...run, diskBytes, diskBytesPerReport: run.accepted ? diskBytes / run.accepted : null };
  } catch (error) {
    durable = failed(error);
  }
  if (only === 'durable') {
    const { bodyBytes = 0 } = isFailedTarget(embedded) ? {} : (embedded as IngestTarget & { bodyBytes: number });
    const none = { reportsPerSecond: 0, serverCpuPercent: null, loadCpuPercent: 0, failures: 0, firstFailure: 'not measured (--durable)', duplicates: 0 };
    return { bodyBytes, ceiling: none, ceilingRuns: [], embedded, durable, redis: { error: 'not measured (--durable)' }, redisBenchmark: { error: 'not measured (--durable)' } };
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
          bench = await benchmarkRedis(store.port, options, await commandsPerScriptCall(store.port));
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
  return { bodyBytes, ceiling, ceilingRuns: ceilings.map((run) => run.reportsPerSecond), embedded, durable, redis, redisBenchmark: bench };
}

/**
 * A representative call of each command the ingest script issues, with the batch's number of members.
 * Membership is checked against `idSet`: the largest id bucket the Redis run left, so the set is as big
 * as the script's were; new ids go to a set of their own, so the order of the runs changes nothing.
 */
function sampleCall(command: string, batch: number, idSet = '{fw}:bench:ids'): string[] | null {
  const members = Array.from({ length: batch }, () => '__rand_int__');
  const samples: Record<string, string[]> = {
    smismember: ['SMISMEMBER', idSet, ...members],
    sadd: ['SADD', '{fw}:bench:new-ids', ...members],
    pexpire: ['PEXPIRE', '{fw}:bench:ids', '2592000000'],
    hincrby: ['HINCRBY', '{fw}:bench:gates', 'main-gate:in', '1'],
    hset: ['HSET', '{fw}:bench:zones', 'entrance-plaza', '__rand_int__', 'central-promenade', '__rand_int__'],
    hget: ['HGET', '{fw}:bench:zones', 'entrance-plaza'],
    hmget: ['HMGET', '{fw}:bench:zones', 'entrance-plaza', 'central-promenade', 'caftan-stage'],
    hgetall: ['HGETALL', '{fw}:bench:zones'],
    xadd: ['XADD', '{fw}:bench:log', 'MAXLEN', '~', '1000000', '*', 'type', 'counts', 'items', 'x'.repeat(60 * batch)],
    publish: ['PUBLISH', '{fw}:bench:changes', '{"kind":"floor","logId":"1700000000000-0"}'],
  };
  return samples[command] ?? null;
}

/** Calls per EVALSHA of each command run inside scripts, from INFO commandstats. */
async function commandsPerScriptCall(port: number): Promise<Map<string, number>> {
  const stats = new Map<string, number>();
  for (const match of (await redisCli(port, ['INFO', 'commandstats'])).matchAll(/^cmdstat_([a-z|]+):calls=(\d+)/gm)) stats.set(match[1]!, Number(match[2]));
  const scripts = (stats.get('evalsha') ?? 0) + (stats.get('eval') ?? 0);
  const perCall = new Map<string, number>();
  if (scripts > 0) for (const [command, calls] of stats) if (sampleCall(command, 1)) perCall.set(command, calls / scripts);
  return perCall;
}

async function benchmarkRedis(port: number, options: IngestOptions, perBatch: Map<string, number>): Promise<Exclude<IngestResults['redisBenchmark'], { error: string }>> {
  // The ceiling first: the real script, with the same arguments the Redis store passes (RedisStore.ingestCounts).
  let scriptReportsPerSecond: number | null = null;
  let scriptNote: string | null = null;
  try {
    scriptReportsPerSecond = await scriptCeiling(port, options);
  } catch (error) {
    scriptNote = String(error instanceof Error ? error.message : error).slice(0, 200);
  }
  // Then what each command the script issues costs alone (a slow command can time out: the ceiling stays).
  const commands: Array<{ command: string; callsPerBatch: number; perSecond: number }> = [];
  let commandsReportsPerSecond: number | null = null;
  let commandsNote: string | null = null;
  try {
    const pipelined = { requests: options.redisRequests, clients: options.connections, pipeline: 100 };
    const measure = (call: string[]) =>
      // Calls with a whole batch's members are slower: fewer of them keep the run short.
      redisBenchmark(port, { ...pipelined, requests: call.length > 10 ? Math.max(1_000, Math.round(pipelined.requests / options.batch)) : pipelined.requests }, call);
    let idSet: string | undefined;
    let largest = -1;
    for (const key of (await redisCli(port, ['--scan', '--pattern', '{fw}:ids:count:*'])).split('\n').filter(Boolean)) {
      const size = Number(await redisCli(port, ['SCARD', key]));
      if (size > largest) [idSet, largest] = [key, size];
    }
    for (const [command, callsPerBatch] of [...perBatch].sort(([a], [b]) => a.localeCompare(b))) {
      if (command === 'sadd' && callsPerBatch > 1) {
        // One SADD takes the batch's ids; the other adds the venue day to the list of days.
        commands.push({ command: 'sadd (ids)', callsPerBatch: 1, perSecond: await measure(sampleCall(command, options.batch, idSet)!) });
        commands.push({ command: 'sadd (day)', callsPerBatch: callsPerBatch - 1, perSecond: await measure(sampleCall(command, 1)!) });
      } else commands.push({ command, callsPerBatch, perSecond: await measure(sampleCall(command, options.batch, idSet)!) });
    }
    if (!commands.length) throw new Error('no script commands were counted during the Redis run');
    const secondsPerBatch = commands.reduce((sum, c) => sum + c.callsPerBatch / c.perSecond, 0);
    commandsReportsPerSecond = options.batch / secondsPerBatch;
  } catch (error) {
    commandsNote = String(error instanceof Error ? error.message : error).slice(0, 200);
  }
  return { commands, commandsReportsPerSecond, commandsNote, scriptReportsPerSecond, scriptNote };
}

/** The ingest Lua script alone by EVALSHA, batches of `batch` fresh reports, as many clients as the load: reports/s. */
export async function scriptCeiling(port: number, options: Pick<IngestOptions, 'batch' | 'connections' | 'redisRequests'>): Promise<number> {
  const sha = await redisCli(port, ['SCRIPT', 'LOAD', SCRIPTS.ingestCounts.source]);
  const now = new Date();
  const at = new Date(now.getTime() - 1_000);
  const context = { nowMs: now.getTime(), nowIso: now.toISOString(), today: at.toISOString().slice(0, 10) };
  const scriptOptions = { prefix: '{fw}:', idTtlSeconds: 30 * 24 * 3600, logMaxEntries: 1_000_000 };
  const args = (id: (i: number) => string) =>
    countsScriptArgs(Array.from({ length: options.batch }, (_, i): PreparedCount => {
      const gate = fesVenue.gates[i % fesVenue.gates.length]!;
      return { id: id(i), gate: gate.id, line: gate, in: 1 + (i % 3), out: i % 2, at: at.toISOString(), atMs: at.getTime(), day: context.today, hour: at.getUTCHours() };
    }), context, scriptOptions);
  const check = await redisCli(port, ['EVALSHA', sha, '0', ...args((i) => `check-${i}`)]);
  if (!check.startsWith(String(options.batch))) throw new Error(`the script answered "${check.slice(0, 80)}" to a fresh batch: its arguments changed?`);
  const calls = Math.max(200, Math.round(options.redisRequests / 500));
  const perSecond = await redisBenchmark(port, { requests: calls, clients: options.connections, pipeline: 1 }, ['EVALSHA', sha, '0', ...args((i) => `__rand_int__-${i}`)]);
  return perSecond * options.batch;
}
