/**
 * The Redis ingest row and its ceiling alone (issue 12): FairWatch in Redis mode under the bench's
 * load, then the ingest Lua script alone by EVALSHA on the same redis-server, `--runs` times in turn.
 * Prints reports/s, the ratio to the ceiling and CPU per report of the server and of redis-server.
 * `node --import tsx bench/redis-ingest.ts [--runs 3] [--cpu-prof DIR] [--main server/src/main.ts]`
 * (`--main`: another checkout's entry point, to compare commits with the same load and ceiling).
 */
import { parseArgs } from 'node:util';
import { drive, scriptCeiling } from './ingest.ts';
import { startFairwatch } from './support/fairwatch.ts';
import { stopAll } from './support/processes.ts';
import { startRedis } from './support/redis.ts';
import { cpuSeconds } from './support/proc-stat.ts';
import { redisCli as cli } from './support/redis-benchmark.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'cpu-prof': { type: 'string' }, main: { type: 'string' }, 'no-ceiling': { type: 'boolean', default: false } } });
const options = { warmupMs: 1_000, durationMs: 5_000, connections: 16, batch: 100, redisRequests: 2_000_000 };
const nodeArgs = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
const perReport = (percent: number | null | undefined, rate: number) => (percent == null || !rate ? '–' : ((percent * 10_000) / rate).toFixed(2));

try {
  for (let run = 1; run <= Number(args.runs); run++) {
    const redis = await startRedis();
    try {
      const server = await startFairwatch({ REDIS_URL: redis.url }, nodeArgs, undefined, args.main);
      let row;
      try {
        row = await drive(server.url, server.pid, options, `redis-only-${Date.now().toString(36)}`, redis.pid);
      } finally {
        await server.stop();
      }
      // Redis CPU per report with the script alone: the ceiling's own cost, beside the row's.
      let ceiling: number | null = null;
      let ceilingRedisCpu = '–';
      if (!args['no-ceiling']) {
        await cli(redis.port, ['CONFIG', 'RESETSTAT']);
        const before = cpuSeconds(redis.pid);
        ceiling = await scriptCeiling(redis.port, options);
        const calls = Number(/cmdstat_evalsha:calls=(\d+)/.exec(await cli(redis.port, ['INFO', 'commandstats']))?.[1]);
        if (calls) ceilingRedisCpu = ((1e6 * (cpuSeconds(redis.pid) - before)) / (calls * options.batch)).toFixed(2);
      }
      const rate = row.reportsPerSecond;
      console.log(
        `run ${run}: ${Math.round(rate)} reports/s` +
          (ceiling ? `, ceiling ${Math.round(ceiling)} (${(rate / ceiling).toFixed(3)})` : '') +
          `, server ${row.serverCpuPercent?.toFixed(0)}% = ${perReport(row.serverCpuPercent, rate)} µs/report, redis ${row.redisCpuPercent?.toFixed(0)}% = ${perReport(row.redisCpuPercent, rate)} µs/report, load ${row.loadCpuPercent.toFixed(0)}%` +
          (ceiling ? `; the script alone: redis ${ceilingRedisCpu} µs/report` : '') +
          (row.failures ? `, ${row.failures} failures (${row.firstFailure})` : ''),
      );
    } finally {
      await redis.stop();
    }
  }
} finally {
  await stopAll();
}
