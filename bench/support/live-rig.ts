import type { ChildProcess } from 'node:child_process';
import type { Snapshot } from '@fairwatch/protocol';
import { fesVenue, type Venue } from '@fairwatch/venue';
import { DEMO_PASSWORD, DEVICE_KEY, startFairwatch, type FairwatchServer } from './fairwatch.ts';
import { getJson, login } from './http.ts';
import { ask, forkTracked, nextMessage, stopProcess } from './processes.ts';
import { Probes } from './probes.ts';
import { PacedReporter, type ReporterSummary } from './reporter.ts';
import type { Counters } from '../load/socket-clients.ts';

const CLIENTS = new URL('../load/socket-clients.ts', import.meta.url);

/** The child process that holds the bulk of the (receive-only) clients. */
export async function startClientsChild(): Promise<ChildProcess> {
  const child = forkTracked(CLIENTS);
  await nextMessage(child, (m): m is { reply: 'ready' } => (m as { reply?: string }).reply === 'ready', 30_000);
  return child;
}

export async function connectClients(child: ChildProcess, command: { kind: 'socketio' | 'ws'; url: string; token?: string; count: number }): Promise<void> {
  if (command.count <= 0) return;
  const result = await ask<{ connected: number; failed: number; firstError: string | null }>(child, { cmd: 'connect', ...command }, 180_000);
  if (result.failed > 0) throw new Error(`${result.failed} of ${command.count} ${command.kind} clients could not connect: ${result.firstError}`);
}

export const resetCounters = (child: ChildProcess) => ask(child, { cmd: 'reset' });
export const readCounters = (child: ChildProcess) => ask<Counters>(child, { cmd: 'counters' });

export async function closeClientsChild(child: ChildProcess): Promise<void> {
  await ask(child, { cmd: 'exit' }, 10_000).catch(() => undefined);
  await stopProcess(child);
}

/**
 * A FairWatch server in embedded mode with its clients: `probes` timing clients in this process and
 * the rest in a child process. Traffic comes from a paced reporter in this process.
 */
export class LiveRig {
  private constructor(
    readonly server: FairwatchServer,
    readonly token: string,
    readonly clients: ChildProcess,
    readonly venue: Venue,
    readonly tickMs: number,
    private probeSet: Probes | null = null,
  ) {}

  static async start(options: { tickMs: number; venue?: Venue; env?: Record<string, string>; nodeArgs?: string[] }): Promise<LiveRig> {
    const server = await startFairwatch({ TICK_MS: String(options.tickMs), ...options.env }, options.nodeArgs);
    try {
      const token = await login(server.url, DEMO_PASSWORD);
      const clients = await startClientsChild();
      return new LiveRig(server, token, clients, options.venue ?? fesVenue, options.tickMs);
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  get probes(): Probes {
    if (!this.probeSet) throw new Error('no probes connected');
    return this.probeSet;
  }

  async connectProbes(count: number): Promise<void> {
    this.probeSet = await Probes.connect(this.server.url, this.token, count);
  }

  /** Brings the number of receive-only clients in the child to `count`. */
  async setClients(count: number): Promise<void> {
    const { clients } = await readCounters(this.clients);
    if (count > clients) await connectClients(this.clients, { kind: 'socketio', url: this.server.url, token: this.token, count: count - clients });
    else if (count < clients) await ask(this.clients, { cmd: 'disconnect', count: clients - count });
  }

  async entriesToday(): Promise<number> {
    const stats = await getJson<Snapshot>(this.server.url, '/api/v1/stats', this.token);
    return stats.totals.entriesToday;
  }

  /** Paced device traffic for `durationMs`, then (unless `settle` is false) time for the last delta to arrive. */
  async traffic(options: { intervalMs: number; countsPerTick: number; checkinsPerTick: number; durationMs: number; settle?: boolean }): Promise<ReporterSummary> {
    const reporter = new PacedReporter({
      url: this.server.url,
      deviceKey: DEVICE_KEY,
      venue: this.venue,
      intervalMs: options.intervalMs,
      countsPerTick: options.countsPerTick,
      checkinsPerTick: options.checkinsPerTick,
      runId: `live-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`,
    });
    reporter.start(await this.entriesToday());
    await new Promise((resolve) => setTimeout(resolve, options.durationMs));
    const summary = await reporter.stop();
    // Let the last tick's delta reach the probes.
    if (options.settle !== false) await new Promise((resolve) => setTimeout(resolve, this.tickMs * 2 + 150));
    return summary;
  }

  async close(): Promise<void> {
    this.probeSet?.close();
    await closeClientsChild(this.clients);
    await this.server.stop();
  }
}
