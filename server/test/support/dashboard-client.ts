import { io, type Socket } from 'socket.io-client';
import { applyDelta, type ClientToServerEvents, type Delta, type Incident, type ServerToClientEvents, type Snapshot } from '@fairwatch/protocol';

export type DashboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A dashboard as the contract describes it: the snapshot on every (re)connect, then deltas applied in
 * seq order, resyncing on a gap.
 */
export class DashboardClient {
  readonly socket: DashboardSocket;
  readonly deltas: Delta[] = [];
  readonly incidents: Incident[] = [];
  state: Snapshot | null = null;
  snapshots = 0;
  /** `paused` / `resumed` as the server announced them. */
  readonly feed: string[] = [];
  gaps = 0;
  readonly ready: Promise<void>;

  constructor(url: string, token: string, options: { reconnection?: boolean } = {}) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: options.reconnection ?? false, reconnectionDelay: 100, reconnectionDelayMax: 500 });
    this.ready = new Promise<void>((resolve, reject) => {
      this.socket.once('snapshot', () => resolve());
      this.socket.once('connect_error', reject);
    });
    this.socket.on('snapshot', (snapshot) => {
      this.state = snapshot;
      this.snapshots++;
    });
    this.socket.on('delta', (delta) => {
      this.deltas.push(delta);
      if (!this.state || delta.seq <= this.state.seq) return;
      if (delta.seq === this.state.seq + 1) this.state = applyDelta(this.state, delta);
      else {
        this.gaps++;
        this.socket.emit('resync', (snapshot) => (this.state = snapshot));
      }
    });
    this.socket.on('incident', (incident) => this.incidents.push(incident));
    this.socket.on('feed:paused', () => this.feed.push('paused'));
    this.socket.on('feed:resumed', () => this.feed.push('resumed'));
  }

  close(): void {
    this.socket.close();
  }
}

export async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'a condition'): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}
