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


/** The arguments of a private redis-server: loopback only, no snapshots, append-only file if `persistent`. */
export function redisServerArgs(port: number, dir: string, persistent: boolean): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--protected-mode', 'no', '--appendonly', persistent ? 'yes' : 'no'];
}

/** Resolves once a redis-server started with stdout piped accepts connections; rejects if it exits first. */
export function untilRedisReady(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
}

/** A real redis-server of the test's own, on a free port, that the test can stop and start again. */
export class TestRedis {
  private process: ChildProcess | null = null;
  private readonly dir = mkdtempSync(join(tmpdir(), 'fairwatch-redis-'));
  private constructor(readonly port: number) {}

  /** `password`: the server requires it (requirepass), and `url` carries it. */
  static async start(options: { persistent?: boolean; password?: string } = {}): Promise<TestRedis> {
    const redis = new TestRedis(await freePort());
    redis.persistent = options.persistent ?? false;
    redis.password = options.password;
    await redis.startProcess();
    return redis;
  }

  private persistent = false;
  private password: string | undefined;

  get url(): string {
    return this.password === undefined ? `redis://127.0.0.1:${this.port}` : `redis://:${encodeURIComponent(this.password)}@127.0.0.1:${this.port}`;
  }

  /** The URL without the password, as a careless configuration would have it. */
  get urlWithoutPassword(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async startProcess(): Promise<void> {
    const args = redisServerArgs(this.port, this.dir, this.persistent);
    if (this.password !== undefined) args.push('--requirepass', this.password);
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    await untilRedisReady(child);
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
