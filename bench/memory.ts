import { rssBytes } from './support/proc-stat.ts';
import { sleep } from './support/processes.ts';

export interface MemoryFigures {
  clients: number;
  rssIdleBytes: number;
  rssConnectedBytes: number;
  /** The least-squares slope of RSS over the number of connected clients (see rssPerClient). */
  bytesPerClient: number;
  /** RSS after each step, with the clients connected then. */
  samples: Array<{ clients: number; rssBytes: number }>;
}

/**
 * Server RSS per connected idle client: RSS with no client, then after each of `steps` equal steps up
 * to `clients`, each after `settleMs`; bytes per client is the slope of a least-squares line through
 * the samples. RSS grows in chunks when V8 or the allocator takes more memory, so one difference
 * between two samples can land on either side of a chunk: a slope over several steps moves far less.
 */
export async function rssPerClient(pid: number, clients: number, connectStep: (step: number, upTo: number) => Promise<void>, settleMs: number, steps = 4): Promise<MemoryFigures> {
  await sleep(settleMs);
  const samples = [{ clients: 0, rssBytes: rssBytes(pid) }];
  for (let step = 1; step <= steps; step++) {
    const upTo = Math.round((clients * step) / steps);
    await connectStep(step, upTo);
    await sleep(settleMs);
    samples.push({ clients: upTo, rssBytes: rssBytes(pid) });
  }
  return { clients, rssIdleBytes: samples[0]!.rssBytes, rssConnectedBytes: samples.at(-1)!.rssBytes, bytesPerClient: slope(samples.map((s) => [s.clients, s.rssBytes])), samples };
}

function slope(points: Array<[number, number]>): number {
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return covariance / variance;
}
