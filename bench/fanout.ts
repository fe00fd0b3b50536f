import type { ChildProcess } from 'node:child_process';
import type { LiveRig } from './support/live-rig.ts';
import { readCounters, resetCounters } from './support/live-rig.ts';
import { CpuMeter } from './support/proc-stat.ts';
import { ask } from './support/processes.ts';
import { quantile } from './support/stats.ts';

export interface FanoutFigures {
  clients: number;
  /** Messages per second that reached all the clients together. */
  deliveredPerSecond: number;
  /** Messages per second that reached one client. */
  perClientPerSecond: number;
  serverCpuPercent: number;
  /** Server CPU per delivered message, µs: comparable across rates. */
  cpuMicrosPerDelivery: number | null;
  bytesPerClientPerSecond: number;
  clientsCpuPercent: number;
}

export interface SocketIoFanout extends FanoutFigures {
  frameBytesMedian: number | null;
  frameBytesP99: number | null;
  /** A delta frame of median size, as it went over the wire: the raw `ws` server sends the same bytes. */
  medianFrame: string | null;
}

function figures(clients: number, delivered: number, bytes: number, seconds: number, serverCpuPercent: number, clientsCpuPercent: number): FanoutFigures {
  const deliveredPerSecond = delivered / seconds;
  return {
    clients,
    deliveredPerSecond,
    perClientPerSecond: deliveredPerSecond / clients,
    serverCpuPercent,
    cpuMicrosPerDelivery: deliveredPerSecond > 0 ? (serverCpuPercent * 10_000) / deliveredPerSecond : null,
    bytesPerClientPerSecond: bytes / seconds / clients,
    clientsCpuPercent,
  };
}

/**
 * Deltas delivered to every connected client. Device traffic is light (one counts request with a
 * report per gate and one check-ins request per tick) so that the server's CPU goes to the feed and
 * the fan-out, while every tick still has a delta of realistic size (all gates, zones, some stands).
 */
export async function socketIoFanout(rig: LiveRig, options: { checkinsPerTick: number; durationMs: number }): Promise<SocketIoFanout> {
  rig.probes.reset();
  await resetCounters(rig.clients);
  const cpu = new CpuMeter(rig.server.pid).start();
  await rig.traffic({ intervalMs: rig.tickMs, countsPerTick: rig.venue.gates.length, checkinsPerTick: options.checkinsPerTick, durationMs: options.durationMs, settle: false });
  const serverCpuPercent = cpu.percent();
  const counters = await readCounters(rig.clients);
  await new Promise((resolve) => setTimeout(resolve, rig.tickMs * 2 + 150)); // quiet again before the next measure
  const probeFrames = rig.probes.frames;
  const probeBytes = probeFrames.reduce((sum, frame) => sum + frame.length, 0) * rig.probes.count;
  const clients = counters.clients + rig.probes.count;
  const delivered = counters.messages + probeFrames.length * rig.probes.count;
  const sizes = probeFrames.map((frame) => Buffer.byteLength(frame));
  const median = quantile(sizes, 0.5);
  return {
    ...figures(clients, delivered, counters.bytes + probeBytes, counters.seconds, serverCpuPercent, counters.cpuPercent),
    frameBytesMedian: median,
    frameBytesP99: quantile(sizes, 0.99),
    medianFrame: probeFrames.find((frame) => Buffer.byteLength(frame) === median) ?? null,
  };
}

/** The raw `ws` server broadcasting one pre-serialised payload; perSecond 0 = as fast as the sockets drain. */
export async function wsFanout(server: ChildProcess, clients: ChildProcess, payload: string, perSecond: number, durationMs: number): Promise<FanoutFigures> {
  await resetCounters(clients);
  const cpu = new CpuMeter(server.pid!).start();
  await ask(server, { cmd: 'broadcast', payload, perSecond, durationMs }, durationMs + 60_000);
  const serverCpuPercent = cpu.percent();
  const counters = await readCounters(clients);
  await new Promise((resolve) => setTimeout(resolve, 300)); // what was still in flight drains before the next measure
  return figures(counters.clients, counters.messages, counters.bytes, counters.seconds, serverCpuPercent, counters.cpuPercent);
}
