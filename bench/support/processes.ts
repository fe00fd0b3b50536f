import { fork, spawn, type ChildProcess, type ForkOptions, type SpawnOptions } from 'node:child_process';

/** Every process the bench started: stopped on success, on failure and on Ctrl-C. */
const children = new Set<ChildProcess>();

function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  return track(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options }));
}

/** Forks a TypeScript module of the bench (through tsx) with an IPC channel. */
export function forkTracked(module: URL, args: string[] = [], options: ForkOptions = {}): ChildProcess {
  return track(fork(module, args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'], ...options }));
}

/** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
export async function stopProcess(child: ChildProcess, graceMs = 3_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopProcess(child, 1_500)));
}

// Last resort: a crash or a signal must not leave servers or load generators behind.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}


export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The first IPC message of a child that matches, or a rejection if it exits first or times out. */
export function nextMessage<T>(child: ChildProcess, match: (message: unknown) => message is T, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`child ${child.pid} did not answer in ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: unknown) => {
      if (match(message)) done(undefined, message);
    };
    const onExit = (code: number | null) => done(new Error(`child ${child.pid} exited (${code}) before answering`));
    function done(error?: Error, value?: T) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(value as T);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends a command to a child and waits for its reply, `{ reply: command.cmd, ... }`. */
export async function ask<R>(child: ChildProcess, command: { cmd: string } & Record<string, unknown>, timeoutMs = 120_000): Promise<R> {
  const reply = nextMessage(child, (m): m is { reply: string; error?: string } => typeof m === 'object' && m !== null && (m as { reply?: unknown }).reply === command.cmd, timeoutMs);
  child.send(command);
  const message = await reply;
  if (message.error) throw new Error(`${command.cmd}: ${message.error}`);
  return message as R;
}

export { freePort } from '../../server/test/support/free-port.ts';
