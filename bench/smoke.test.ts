/**
 * A small run of `pnpm bench --smoke` (issue 8), so that the benchmark cannot rot: every measure must
 * still produce figures. The figures themselves are not checked against targets here.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from './results.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
const hasRedisBenchmark = spawnSync('redis-benchmark', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasRedis && process.env.CI === 'true') throw new Error('redis-server is required in CI');

const positive = (value: number | null | undefined) => expect(value ?? 0).toBeGreaterThan(0);

describe('pnpm bench --smoke', () => {
  const out = mkdtempSync(join(tmpdir(), 'fairwatch-bench-smoke-test-'));
  let results: BenchResults;
  let markdown: string;
  let stdout: string;

  beforeAll(() => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--out', out], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    stdout = run.stdout;
    if (run.status !== 0) throw new Error(`bench --smoke exited with ${run.status ?? run.signal}:\n${run.stderr.slice(-3_000)}`);
    results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as BenchResults;
    markdown = readFileSync(join(out, 'results.md'), 'utf8');
  }, 180_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes valid results and prints the same tables', () => {
    expect(results.meta.smoke).toBe(true);
    expect(results.errors).toEqual([]);
    for (const section of ['## Ingest', '## Latency', '## Fan-out', '## Memory', '## Memory over 2 simulated fair days', '## Targets']) expect(markdown).toContain(section);
    expect(stdout).toContain(markdown.trim().split('\n')[0]);
  });

  it('measures ingest against the bare Node ceiling, in both store modes', () => {
    const { ingest } = results;
    positive(ingest.ceiling.reportsPerSecond);
    expect(ingest.ceiling.failures).toBe(0);
    expect('error' in ingest.embedded ? ingest.embedded.error : ingest.embedded.failures).toBe(0);
    if (!('error' in ingest.embedded)) positive(ingest.embedded.reportsPerSecond);
    positive(ingest.ratios.embedded);
    // The durable embedded store, beside the in-memory one, with what it left on disk.
    expect('error' in ingest.durable ? ingest.durable.error : ingest.durable.failures).toBe(0);
    if (!('error' in ingest.durable)) {
      positive(ingest.durable.reportsPerSecond);
      positive(ingest.durable.diskBytesPerReport);
    }
    positive(ingest.ratios.durableVsEmbedded);
    if (hasRedis) {
      expect('error' in ingest.redis ? ingest.redis.error : ingest.redis.failures).toBe(0);
      positive(ingest.ratios.redis);
    } else {
      expect(ingest.redis).toHaveProperty('error');
    }
    if (hasRedis && hasRedisBenchmark) {
      expect(ingest.redisBenchmark).not.toHaveProperty('error');
      if (!('error' in ingest.redisBenchmark)) {
        positive(ingest.redisBenchmark.commandsReportsPerSecond);
        expect(ingest.redisBenchmark.scriptNote).toBeNull();
        positive(ingest.redisBenchmark.scriptReportsPerSecond);
      }
    }
  });

  it('times deltas from 202 to the probes', () => {
    expect(results.latency.length).toBeGreaterThan(0);
    for (const point of results.latency) {
      expect(point).not.toHaveProperty('error');
      if ('error' in point) continue;
      positive(point.reportsPerSecond);
      positive(point.samples);
      expect(point.missing).toBe(0);
      expect(point.failures).toBe(0);
      expect(point.p50Ms).not.toBeNull();
      // A delta carries a report within a tick or so even on a busy machine.
      expect(point.p99Ms!).toBeLessThan(results.meta.settings.tickMs as number * 8);
    }
  });

  it('measures fan-out and memory of Socket.IO against raw ws', () => {
    for (const pair of [results.fanout.tickRate, 'error' in results.fanout.saturated ? null : results.fanout.saturated]) {
      expect(pair).not.toBeNull();
      if (!pair) continue;
      for (const side of [pair.socketio, pair.ws]) {
        expect(side).not.toHaveProperty('error');
        if ('error' in side) continue;
        positive(side.deliveredPerSecond);
        positive(side.bytesPerClientPerSecond);
      }
      positive(pair.deliveredRatio);
    }
    const sio = results.fanout.tickRate.socketio;
    if (!('error' in sio)) {
      positive(sio.frameBytesMedian);
      expect(sio.medianFrame).toMatch(/^42\["delta",\{/);
    }
    for (const memory of [results.memory.socketio, results.memory.ws]) {
      expect(memory).not.toHaveProperty('error');
      if (!('error' in memory)) {
        positive(memory.rssConnectedBytes);
        // RSS sampled with no client and after each step of connections, up to all of them.
        expect(memory.samples.map((sample) => sample.clients)).toEqual([0, ...[1, 2, 3, 4].map((step) => Math.round((memory.clients * step) / 4))]);
      }
    }
  });

  it('plays simulated fair days in both store modes, sampling memory and raw stats after each', () => {
    const { tenDays } = results;
    expect(tenDays).not.toHaveProperty('error');
    if ('error' in tenDays) return;
    for (const run of hasRedis ? [tenDays.embedded, tenDays.redis] : [tenDays.embedded]) {
      expect(run).not.toHaveProperty('error');
      if ('error' in run) continue;
      expect(run.failures).toBe(0);
      positive(run.reports);
      expect(run.samples.map((sample) => sample.day)).toEqual(run.days);
      expect(run.samples).toHaveLength(2);
      for (const sample of run.samples) {
        positive(sample.rssBytes);
        // The retention job ran on the simulated clock and logged what it left.
        positive(sample.logEntries);
        positive(sample.ids);
      }
      // Both periods are a simulated day: on day 2 the store holds about one day, not two.
      const [first, second] = run.samples;
      expect(second!.logEntries!).toBeLessThan(first!.logEntries! * 1.5);
      expect(second!.ids!).toBeLessThan(first!.ids! * 1.5);
    }
    if (hasRedis && !('error' in tenDays.redis)) for (const sample of tenDays.redis.samples) positive(sample.redisUsedMemoryBytes);
    // The durable store: its data file after each day, and a restart on the directory the days left.
    // (Not held to the day-2 ratio above: at a day a second on a loaded machine its commits fall behind.)
    expect(tenDays.durable).not.toHaveProperty('error');
    if (!('error' in tenDays.durable)) {
      expect(tenDays.durable.failures).toBe(0);
      expect(tenDays.durable.samples.map((sample) => sample.day)).toEqual(tenDays.durable.days);
      for (const sample of tenDays.durable.samples) positive(sample.diskBytes);
      positive(tenDays.durable.startupMs);
    }
    expect(results.latencyDurable.length).toBeGreaterThan(0);
    for (const point of results.latencyDurable) expect(point).not.toHaveProperty('error');
  });
});
