/**
 * `pnpm bench` (issue 8): measures FairWatch against the limits of this machine, side by side in one
 * run, and writes results.json and results.md. `--smoke`: a tiny run (no Chromium) that only proves
 * every measure still works. `--out DIR`: where to write (default: bench/, or a temp dir with --smoke).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fesVenue } from '@fairwatch/venue';
import { CHROMIUM, measureFrames } from './dashboard-frames.ts';
import { socketIoFanout, wsFanout } from './fanout.ts';
import { measureIngest } from './ingest.ts';
import { measureLatency } from './latency.ts';
import { rssPerClient } from './memory.ts';
import { renderMarkdown } from './report.ts';
import { measureTenDays } from './ten-days.ts';
import { isFailed, type BenchResults, type Failed, type FanoutPair } from './results.ts';
import { benchDataDir } from './support/fairwatch.ts';
import { LiveRig, closeClientsChild, connectClients, startClientsChild } from './support/live-rig.ts';
import { forkTracked, nextMessage, stopAll, stopProcess } from './support/processes.ts';
import { ratio } from './support/stats.ts';
import { syntheticVenue, writeSyntheticVenue } from './synthetic-venue.ts';
import { measureCrowdFlow } from './crowd-flow.ts';

const { values: args } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, durable: { type: 'boolean', default: false }, out: { type: 'string' } } });
const smoke = args.smoke;
/** `--durable`: only the durable embedded store's rows (issue 13) and the in-memory rows they are compared with. */
const only = args.durable ? ('durable' as const) : undefined;
const ROOT = new URL('..', import.meta.url).pathname;

const settings = smoke
  ? { warmupMs: 300, durationMs: 1_000, connections: 8, batch: 100, redisRequests: 50_000, tickMs: 250, clients: [20], probes: 2, rates: [500], fanoutCheckinsPerTick: 20, settleMs: 300, framesMs: 0, syntheticStands: 0,
      tenDays: { days: 2, secondsPerDay: 1, checkinsPerVisitorMinute: 0.01, settleMs: 300 } }
  : { warmupMs: 1_000, durationMs: 5_000, connections: 16, batch: 100, redisRequests: 2_000_000, tickMs: 250, clients: [1_000, 200], probes: 4, rates: [500, 5_000], fanoutCheckinsPerTick: 20, settleMs: 1_500, framesMs: 10_000, syntheticStands: 2_000,
      // Ten days of the model's full traffic, a day every 2 s (both modes ≈ 45 s).
      tenDays: { days: 10, secondsPerDay: 2, checkinsPerVisitorMinute: 0.06, settleMs: 400 } };
const maxClients = Math.max(...settings.clients);

const started = Date.now();
const errors: string[] = [];
const log = (line: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);
const message = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));
async function attempt<T>(what: string, work: () => Promise<T>): Promise<T | Failed> {
  try {
    return await work();
  } catch (error) {
    errors.push(`${what}: ${message(error)}`);
    log(`${what} failed: ${message(error)}`);
    return { error: message(error) };
  }
}

/** 202 → delta with the durable embedded store, at the most clients, each rate (beside the in-memory rows). */
async function durableLatency(): Promise<BenchResults['latencyDurable']> {
  const points: BenchResults['latencyDurable'] = [];
  const rig = await attempt('durable live rig', () => LiveRig.start({ tickMs: settings.tickMs, env: { DATA_DIR: benchDataDir() } }));
  if (isFailed(rig)) return [{ ...rig, clients: maxClients, targetReportsPerSecond: settings.rates[0]! }];
  try {
    await rig.connectProbes(settings.probes);
    for (const rate of settings.rates) {
      log(`latency, durable store: ${maxClients} clients, ${rate} reports/s`);
      const point = await attempt(`durable latency ${maxClients}/${rate}`, () => measureLatency(rig, { clients: maxClients, reportsPerSecond: rate, durationMs: settings.durationMs }));
      points.push(isFailed(point) ? { ...point, clients: maxClients, targetReportsPerSecond: rate } : point);
    }
  } finally {
    await rig.close();
  }
  return points;
}

async function main(): Promise<BenchResults> {
  const ingest = await measureIngest(settings, log, only);
  if (only === 'durable') return durableOnly(ingest);

  // Live figures: one embedded server at TICK_MS; memory first (idle clients), then latency and fan-out.
  const latency: BenchResults['latency'] = [];
  let memorySocketIo: BenchResults['memory']['socketio'] = { error: 'not measured' };
  let tickRate: FanoutPair['socketio'] = { error: 'not measured' };
  const live = await attempt('live rig', () => LiveRig.start({ tickMs: settings.tickMs }));
  if (!isFailed(live)) {
    try {
      log(`memory: ${maxClients} Socket.IO clients`);
      memorySocketIo = await attempt('Socket.IO memory', () =>
        rssPerClient(live.server.pid, maxClients, async (step, upTo) => {
          if (step === 1) await live.connectProbes(settings.probes);
          await live.setClients(upTo - settings.probes);
        }, settings.settleMs),
      );
      for (const clients of settings.clients) {
        for (const rate of settings.rates) {
          log(`latency: ${clients} clients, ${rate} reports/s`);
          const point = await attempt(`latency ${clients}/${rate}`, () => measureLatency(live, { clients, reportsPerSecond: rate, durationMs: settings.durationMs }));
          latency.push(isFailed(point) ? { ...point, clients, targetReportsPerSecond: rate } : point);
        }
        if (clients === maxClients) {
          log(`fan-out: ${clients} clients at TICK_MS ${settings.tickMs}`);
          tickRate = await attempt('fan-out at tick rate', () => socketIoFanout(live, { checkinsPerTick: settings.fanoutCheckinsPerTick, durationMs: settings.durationMs }));
        }
      }
    } finally {
      await live.close();
    }
  }

  log(`fan-out: ${maxClients} clients, TICK_MS 10`);
  const saturatedSocketIo = await attempt('saturated fan-out', async () => {
    const rig = await LiveRig.start({ tickMs: 10 });
    try {
      await rig.connectProbes(settings.probes);
      await rig.setClients(maxClients - settings.probes);
      return await socketIoFanout(rig, { checkinsPerTick: settings.fanoutCheckinsPerTick, durationMs: settings.durationMs });
    } finally {
      await rig.close();
    }
  });

  // The raw ws ceiling: same clients, same frames.
  let memoryWs: BenchResults['memory']['ws'] = { error: 'not measured' };
  let tickRateWs: FanoutPair['ws'] = { error: 'not measured' };
  let saturatedWs: FanoutPair['ws'] = { error: 'not measured' };
  const wsServer = forkTracked(new URL('./load/raw-ws-server.ts', import.meta.url));
  const wsClients = await startClientsChild();
  try {
    const { port } = await nextMessage(wsServer, (m): m is { reply: 'listening'; port: number } => (m as { reply?: string }).reply === 'listening');
    log(`memory and fan-out: ${maxClients} raw ws clients`);
    let wsConnected = 0;
    memoryWs = await attempt('ws memory', () =>
      rssPerClient(wsServer.pid!, maxClients, async (_step, upTo) => {
        await connectClients(wsClients, { kind: 'ws', url: `ws://127.0.0.1:${port}`, count: upTo - wsConnected });
        wsConnected = upTo;
      }, settings.settleMs),
    );
    const frameOf = (f: FanoutPair['socketio'] | Failed) => (isFailed(f) ? null : f.medianFrame);
    const tickFrame = frameOf(tickRate) ?? frameOf(saturatedSocketIo);
    if (tickFrame && !isFailed(tickRate)) {
      tickRateWs = await attempt('ws fan-out at tick rate', () => wsFanout(wsServer, wsClients, tickFrame, tickRate.perClientPerSecond, settings.durationMs));
    }
    const saturatedFrame = frameOf(saturatedSocketIo) ?? tickFrame;
    if (saturatedFrame) saturatedWs = await attempt('ws fan-out saturated', () => wsFanout(wsServer, wsClients, saturatedFrame, 0, settings.durationMs));
  } finally {
    await closeClientsChild(wsClients);
    await stopProcess(wsServer);
  }

  const latencyDurable = await durableLatency();
  const tenDays = await attempt('ten days', () => measureTenDays(settings.tenDays, log));

  log('crowd flow: flow, egress and forecast per tick, synthetic 2,000-stand venue');
  const crowdFlow = await attempt('crowd flow', async () => measureCrowdFlow(2_000, smoke ? 400 : 4_000));

  const dashboard = smoke ? { error: 'skipped in --smoke' } : await attempt('dashboard', measureDashboard);

  const pair = (socketio: FanoutPair['socketio'], ws: FanoutPair['ws']): FanoutPair => ({
    socketio,
    ws,
    deliveredRatio: isFailed(socketio) || isFailed(ws) ? null : ratio(socketio.deliveredPerSecond, ws.deliveredPerSecond),
    cpuPerDeliveryRatio: isFailed(socketio) || isFailed(ws) ? null : ratio(socketio.cpuMicrosPerDelivery, ws.cpuMicrosPerDelivery),
  });
  const rate = (target: { reportsPerSecond: number } | Failed) => (isFailed(target) ? null : target.reportsPerSecond);
  const rb = ingest.redisBenchmark;
  const results: BenchResults = {
    meta: { startedAt: new Date(started).toISOString(), seconds: 0, smoke, node: process.versions.node, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', settings },
    ingest: {
      ...ingest,
      ratios: {
        embedded: ratio(rate(ingest.embedded), ingest.ceiling.reportsPerSecond),
        durable: ratio(rate(ingest.durable), ingest.ceiling.reportsPerSecond),
        durableVsEmbedded: ratio(rate(ingest.durable), rate(ingest.embedded)),
        redis: ratio(rate(ingest.redis), ingest.ceiling.reportsPerSecond),
        redisBenchmarkCommands: isFailed(rb) ? null : ratio(rb.commandsReportsPerSecond, ingest.ceiling.reportsPerSecond),
        redisBenchmarkScript: isFailed(rb) ? null : ratio(rb.scriptReportsPerSecond, ingest.ceiling.reportsPerSecond),
      },
    },
    latency,
    latencyDurable,
    fanout: { tickRate: pair(tickRate, tickRateWs), saturated: pair(saturatedSocketIo, saturatedWs) },
    memory: { socketio: memorySocketIo, ws: memoryWs, ratio: isFailed(memorySocketIo) || isFailed(memoryWs) ? null : ratio(memorySocketIo.bytesPerClient, memoryWs.bytesPerClient) },
    dashboard,
    tenDays,
    crowdFlow,
    targets: [],
    errors,
  };
  results.targets = targets(results);
  return results;
}

/** `--durable`: the ingest pair, the durable latency points and the durable ten days; the rest marked not measured. */
async function durableOnly(ingest: Awaited<ReturnType<typeof measureIngest>>): Promise<BenchResults> {
  const latencyDurable = await durableLatency();
  const tenDays = await attempt('ten days', () => measureTenDays(settings.tenDays, log, 'durable'));
  const rate = (target: { reportsPerSecond: number } | Failed) => (isFailed(target) ? null : target.reportsPerSecond);
  const none = { error: 'not measured (--durable)' };
  const results: BenchResults = {
    meta: { startedAt: new Date(started).toISOString(), seconds: 0, smoke, node: process.versions.node, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', settings: { ...settings, only: 'durable' } },
    ingest: { ...ingest, ratios: { embedded: null, durable: null, durableVsEmbedded: ratio(rate(ingest.durable), rate(ingest.embedded)), redis: null, redisBenchmarkCommands: null, redisBenchmarkScript: null } },
    latency: [],
    latencyDurable,
    fanout: { tickRate: { socketio: none, ws: none, deliveredRatio: null, cpuPerDeliveryRatio: null }, saturated: none },
    memory: { socketio: none, ws: none, ratio: null },
    dashboard: none,
    tenDays,
    targets: [],
    errors,
  };
  results.targets = targets(results).filter((target) => target.name.includes('durable'));
  return results;
}

async function measureDashboard(): Promise<NonNullable<Exclude<BenchResults['dashboard'], Failed>>> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  log('dashboard: build');
  const build = spawnSync('pnpm', ['--filter', '@fairwatch/dashboard', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  if (build.status !== 0) throw new Error(`the dashboard does not build: ${(build.stderr || build.stdout).trim().split('\n').slice(-3).join(' ')}`);
  // The floor updates at 10 Hz: deltas at most every 100 ms.
  const tickMs = 100;
  // One retry: the dashboard is under active development, a half-written build can fail once.
  const measure = async (options: Parameters<typeof measureFrames>[0]) => {
    const first = await measureFrames(options);
    if (!('error' in first)) return first;
    log(`dashboard ${options.venue.id}: ${first.error}; retrying once`);
    return measureFrames(options);
  };
  log('dashboard: Fes venue');
  const frames = [await measure({ venue: fesVenue, durationMs: settings.framesMs, tickMs })];
  const venue = syntheticVenue(settings.syntheticStands);
  log(`dashboard: synthetic venue of ${venue.stands.length} stands`);
  frames.push(await measure({ venue, venueFile: writeSyntheticVenue(venue), durationMs: settings.framesMs, tickMs }));
  return frames;
}

function targets(r: BenchResults): BenchResults['targets'] {
  const check = (name: string, value: number | null, target: string, ok: (v: number) => boolean) => ({ name, value, target, ok: value === null ? null : ok(value) });
  const p99At = (clients: number, rate: number) => {
    const point = r.latency.find((p) => p.clients === clients && p.targetReportsPerSecond === rate);
    return point && !isFailed(point) ? point.p99Ms : null;
  };
  const sio = r.memory.socketio;
  const frames = isFailed(r.dashboard) ? null : r.dashboard.find((d) => !('error' in d) && d.stands >= 2_000);
  const saturated = r.fanout.saturated;
  const tenDays = isFailed(r.tenDays) ? null : r.tenDays;
  const crowdFlow = r.crowdFlow && !isFailed(r.crowdFlow) ? r.crowdFlow : null;
  const durableDays = tenDays && !isFailed(tenDays.durable) ? tenDays.durable : null;
  const durableP99 = r.latencyDurable.find((p) => p.clients === maxClients && p.targetReportsPerSecond === 500);
  return [
    check('durable embedded ingest ÷ in-memory embedded (same run)', r.ingest.ratios.durableVsEmbedded, '≥ 0.50', (v) => v >= 0.5),
    check(`durable embedded p99 latency, ${maxClients} clients, 500 reports/s (ms)`, durableP99 && !isFailed(durableP99) ? durableP99.p99Ms : null, `≤ ${settings.tickMs + 50}`, (v) => v <= settings.tickMs + 50),
    check(`durable embedded start-up with a ${settings.tenDays.days}-day data directory, spawn to /health (ms)`, durableDays?.startupMs ?? null, '< 5000', (v) => v < 5_000),
    check(`durable embedded store opening with a ${settings.tenDays.days}-day data directory (ms)`, durableDays?.storeOpenMs ?? null, '< 5000', (v) => v < 5_000),
    check('Redis ingest ÷ bare Node', r.ingest.ratios.redis, '≥ 0.35', (v) => v >= 0.35),
    check('embedded ingest ÷ bare Node', r.ingest.ratios.embedded, '≥ 0.50', (v) => v >= 0.5),
    check(`p99 latency, ${maxClients} clients, 500 reports/s (ms)`, p99At(maxClients, 500), `≤ ${settings.tickMs + 50}`, (v) => v <= settings.tickMs + 50),
    // Delivered/s of the two saturated runs depends on how much CPU the shared client process gets; server
    // CPU per delivery does not, so the ceiling is compared by it (raw ws µs ÷ Socket.IO µs).
    check('fan-out efficiency vs raw ws (server CPU per delivery, ws ÷ Socket.IO, saturated)', isFailed(saturated) || !saturated.cpuPerDeliveryRatio ? null : 1 / saturated.cpuPerDeliveryRatio, '≥ 0.60', (v) => v >= 0.6),
    check('memory per client ÷ raw ws', r.memory.ratio, '≤ 1.5', (v) => v <= 1.5),
    check('memory per Socket.IO client (KB)', isFailed(sio) ? null : sio.bytesPerClient / 1024, '≤ 50', (v) => v <= 50),
    // Frame intervals cannot go under the display's 16.7 ms: the budget is held against the work per frame.
    check('dashboard main-thread work per frame, 2,000 stands (ms)', frames && !('error' in frames) ? frames.busyMsPerFrame : null, '< 16', (v) => v < 16),
    // A dropped frame at 60 Hz shows as an interval of two refreshes (33.3 ms).
    check('dashboard p99 frame interval, 2,000 stands (ms)', frames && !('error' in frames) ? frames.p99Ms : null, '< 17 (one 60 Hz refresh, 16.7: no frame dropped)', (v) => v < 17),
    check(
      'flat memory over ten simulated days (worst growth from day 5 to 10, %)',
      tenDays && tenDays.worstGrowth !== null ? tenDays.worstGrowth * 100 : null,
      tenDays ? `server RSS < ${tenDays.tolerance.rss * 100}, Redis used_memory < ${tenDays.tolerance.redisUsedMemory * 100}` : '–',
      () => tenDays?.flat === true,
    ),
    // Issue 18: CPU time (a shared machine inflates wall time by what else runs); wall time is in the section.
    check('crowd flow, egress and forecast added per tick, 2,000 stands (ms CPU, mean)', crowdFlow?.cpuMeanMs ?? null, '< 2', (v) => v < 2),
  ];
}

let exitCode = 0;
try {
  const results = await main();
  results.meta.seconds = Math.round((Date.now() - started) / 100) / 10;
  const dir = args.out ?? (smoke ? mkdtempSync(join(tmpdir(), 'fairwatch-bench-smoke-')) : new URL('.', import.meta.url).pathname);
  mkdirSync(dir, { recursive: true });
  const markdown = renderMarkdown(results);
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(dir, 'results.md'), markdown);
  console.log(markdown);
  log(`wrote ${join(dir, 'results.json')} and results.md`);
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await stopAll();
}
process.exit(exitCode);
