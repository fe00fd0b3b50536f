import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface ServerProcess {
  url: string;
  password: string;
  deviceKey: string;
  /** Log lines the server printed (parsed JSON). */
  logs: Array<Record<string, unknown>>;
  /** The DATA_DIR it runs on (null in Redis mode or with `:memory:`). */
  dataDir: string | null;
  stop(): Promise<void>;
  /** Kills the process without a clean shutdown. */
  kill(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
}

/** A fresh data directory for a test server, removed when the test process ends. */
export function temporaryDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-data-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Starts a real FairWatch server process (`pnpm serve`'s entry point) on a free port and waits until
 * it listens. Tests drive it only through HTTP and Socket.IO, as the contract's clients do.
 */
export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const password = options.env?.DEMO_PASSWORD ?? 'test-password';
  const deviceKey = options.env?.DEMO_DEVICE_KEY ?? 'test-device-key';
  // Each server its own data directory (the durable embedded store), unless the test gives one (restarts).
  const dataDir = options.env?.REDIS_URL || options.env?.DATA_DIR === ':memory:' ? null : (options.env?.DATA_DIR ?? temporaryDataDir());
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', TICK_MS: '50', DEMO_PASSWORD: password, DEMO_DEVICE_KEY: deviceKey, ...(dataDir ? { DATA_DIR: dataDir } : {}), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time\n${stderr}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'listening') {
          clearTimeout(timer);
          resolve(String(entry.url));
        }
      } catch {
        // not a log line
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\n${stderr}\n${logs.map((l) => JSON.stringify(l)).join('\n')}`));
    });
  });
  // 'close' comes after the process's output has been read to its end ('exit' can come before the last
  // log lines): a test that checks what the server said on its way out sees all of it.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, password, deviceKey, logs, dataDir, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}
