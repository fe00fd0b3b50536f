import { rssBytes } from './support/proc-stat.ts';
import { sleep } from './support/processes.ts';

export interface MemoryFigures {
  clients: number;
  rssIdleBytes: number;
  rssConnectedBytes: number;
  bytesPerClient: number;
}

/** Server RSS with no client, then with `clients` connected and idle: the difference per client. */
export async function rssPerClient(pid: number, clients: number, connect: () => Promise<void>, settleMs: number): Promise<MemoryFigures> {
  await sleep(settleMs);
  const rssIdleBytes = rssBytes(pid);
  await connect();
  await sleep(settleMs);
  const rssConnectedBytes = rssBytes(pid);
  return { clients, rssIdleBytes, rssConnectedBytes, bytesPerClient: (rssConnectedBytes - rssIdleBytes) / clients };
}
