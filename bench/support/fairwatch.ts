import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, sleep, spawnTracked, stopProcess } from './processes.ts';
import { send } from './http.ts';

const MAIN = new URL('../../server/src/main.ts', import.meta.url).pathname;

export const DEMO_PASSWORD = 'bench-password';
export const DEVICE_KEY = 'bench-device-key';

export interface FairwatchServer {
  url: string;
  pid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real server (`pnpm serve`'s entry point) on a free port, as the benchmark wants it:
 * rate limits off, warnings only, and waits until /health answers. `nodeArgs`: e.g. ['--cpu-prof'] to profile it.
 * `onLine`: every line the server prints on stdout (its JSON logs), from the first. `main`: another checkout's entry point.
 */
export async function startFairwatch(env: Record<string, string> = {}, nodeArgs: string[] = [], onLine?: (line: string) => void, main = MAIN): Promise<FairwatchServer> {
  const port = await freePort();
  const child = spawnTracked(process.execPath, [...nodeArgs, '--import', 'tsx', main], {
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      RATE_LIMIT: 'off',
      LOG_LEVEL: 'warn',
      TICK_MS: '250',
      DEMO_PASSWORD,
      DEMO_DEVICE_KEY: DEVICE_KEY,
      // The in-memory embedded store unless a run asks for a data directory (the durable rows).
      DATA_DIR: ':memory:',
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  if (onLine && child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`fairwatch exited (${child.exitCode}) before listening:\n${output}`);
    const ok = await send(url, 'GET', '/api/v1/health').then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`fairwatch did not answer /health in 30 s:\n${output}`);
    }
    await sleep(100);
  }
  return { url, pid: child.pid!, process: child, stop: () => stopProcess(child) };
}

/** A fresh DATA_DIR for a durable-store run, removed when the bench ends. */
export function benchDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-bench-data-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Bytes of the durable store's file in a data directory. */
export function dataFileBytes(dataDir: string): number {
  return statSync(join(dataDir, 'fairwatch.mdb')).size;
}
