import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisServerArgs, untilRedisReady } from '../../server/test/support/redis-server.ts';
import { freePort, spawnTracked, stopProcess } from './processes.ts';

export function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0;
}

export interface BenchRedis {
  port: number;
  url: string;
  pid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** A private redis-server on a free port, without persistence. */
export async function startRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-bench-redis-'));
  const child = spawnTracked('redis-server', redisServerArgs(port, dir, false));
  await untilRedisReady(child);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid!,
    process: child,
    async stop() {
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
