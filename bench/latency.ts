import type { LiveRig } from './support/live-rig.ts';
import { CpuMeter } from './support/proc-stat.ts';
import { quantile } from './support/stats.ts';

export interface LatencyPoint {
  clients: number;
  targetReportsPerSecond: number;
  reportsPerSecond: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  samples: number;
  missing: number;
  failures: number;
  serverCpuPercent: number;
}

/**
 * Time from a count request's 202 to the first delta whose totals.entriesToday reflects it, on every
 * probe client, while `clients` Socket.IO clients in all are connected and receiving.
 */
export async function measureLatency(rig: LiveRig, options: { clients: number; reportsPerSecond: number; durationMs: number }): Promise<LatencyPoint> {
  await rig.setClients(options.clients - rig.probes.count);
  rig.probes.reset();
  // 50 count requests per second, and a tenth as many check-ins as reports, so that deltas carry stands too.
  const intervalMs = 20;
  const perTick = (perSecond: number) => Math.max(1, Math.round((perSecond * intervalMs) / 1000));
  const cpu = new CpuMeter(rig.server.pid).start();
  const summary = await rig.traffic({ intervalMs, countsPerTick: perTick(options.reportsPerSecond), checkinsPerTick: perTick(options.reportsPerSecond / 10), durationMs: options.durationMs, settle: false });
  const serverCpuPercent = cpu.percent();
  await new Promise((resolve) => setTimeout(resolve, rig.tickMs * 2 + 150)); // the last delta reaches the probes
  const { values, missing } = rig.probes.latencies(summary.samples);
  return {
    clients: options.clients,
    targetReportsPerSecond: options.reportsPerSecond,
    reportsPerSecond: summary.reportsPerSecond,
    p50Ms: quantile(values, 0.5),
    p99Ms: quantile(values, 0.99),
    maxMs: quantile(values, 1),
    samples: values.length,
    missing,
    failures: summary.failures,
    serverCpuPercent,
  };
}
