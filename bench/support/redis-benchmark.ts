import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Requests per second that `redis-benchmark` measures for one command (its --csv output). */
export async function redisBenchmark(port: number, options: { requests: number; clients: number; pipeline: number }, command: string[]): Promise<number> {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-c', String(options.clients), '-n', String(options.requests), '-P', String(options.pipeline), '-r', '1000000000', '--csv', ...command];
  const { stdout } = await run('redis-benchmark', args, { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  // The line ends with rps and six latencies; read from the end: the test name may hold quotes and commas.
  const rps = Number(/"([\d.]+)"(?:,"[\d.]+"){6}\s*$/.exec(last)?.[1]);
  if (!Number.isFinite(rps)) throw new Error(`unexpected redis-benchmark output: ${stdout.slice(0, 300)}`);
  return rps;
}

export async function redisCli(port: number, command: string[]): Promise<string> {
  const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...command], { maxBuffer: 16 * 1024 * 1024, timeout: 20_000 });
  return stdout.trim();
}
