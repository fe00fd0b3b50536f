import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from './free-port.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether `redis-server` can be started here. Without it, Redis tests skip loudly, except in CI. */
export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!found) {
    if (process.env.CI === 'true') throw new Error('redis-server is required in CI (install the redis-server package)');
    console.warn('\n!!! redis-server not found: Redis-mode tests are SKIPPED. Install it (apt-get install redis-server) to run them.\n');
  }
  return found;
}


/** A real redis-server of the test's own, on a free port, that the test can stop and start again. */
export class TestRedis {
  private process: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'fairwatch-redis-'));
  private constructor(readonly port: number) {}

  static async start(options: { persistent?: boolean } = {}): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    redis.persistent = options.persistent ?? false;
    await redis.startProcess();
    return redis;
  }

  private persistent = false;

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async startProcess(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--protected-mode', 'no'];
    args.push('--appendonly', this.persistent ? 'yes' : 'no');
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          child.stdout?.off('data', onData);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  }

  /** Sends a signal to the server process (SIGSTOP/SIGCONT make it stall and resume). */
  signal(name: NodeJS.Signals): void {
    this.process?.kill(name);
  }

  /** Kills the server (SIGKILL: an outage, not a clean shutdown). */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    this.process = null;
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
