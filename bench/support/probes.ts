import { io, type Socket } from 'socket.io-client';
import type { Delta, Snapshot } from '@fairwatch/protocol';
import type { Sample } from './reporter.ts';

const now = () => performance.timeOrigin + performance.now();

/**
 * A few Socket.IO clients in the orchestrator's own process (same clock as the reporter) that time
 * the deltas: when each `entriesToday` value arrived, and how large each delta frame was.
 */
export class Probes {
  /** Per probe: arrival time and value of every delta that carried totals.entriesToday. */
  private readonly seen: Array<Array<{ t: number; entries: number }>>;
  /** Wire size of every delta frame on the first probe (`42["delta",{...}]`). */
  frames: string[] = [];

  private constructor(private readonly sockets: Socket[]) {
    this.seen = sockets.map(() => []);
    sockets.forEach((socket, index) => {
      socket.on('delta', (delta: Delta) => {
        if (delta.totals?.entriesToday !== undefined) this.seen[index]!.push({ t: now(), entries: delta.totals.entriesToday });
      });
    });
    sockets[0]?.io.engine.on('data', (data: unknown) => {
      if (typeof data === 'string' && data.startsWith('2["delta"')) this.frames.push(`4${data}`);
    });
  }

  static async connect(url: string, token: string, count: number): Promise<Probes> {
    const sockets = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const socket = io(url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
            socket.once('connect_error', reject);
            socket.once('snapshot', (_: Snapshot) => resolve(socket));
          }),
      ),
    );
    return new Probes(sockets);
  }

  get count(): number {
    return this.sockets.length;
  }

  reset(): void {
    for (const list of this.seen) list.length = 0;
    this.frames = [];
  }

  /** For every sample: ms from its 202 to the first delta on each probe that reflects it (0 if it came first). */
  latencies(samples: readonly Sample[]): { values: number[]; missing: number } {
    const values: number[] = [];
    let missing = 0;
    for (const seen of this.seen) {
      let cursor = 0;
      for (const sample of samples) {
        while (cursor < seen.length && seen[cursor]!.entries < sample.entries) cursor++;
        const hit = seen[cursor];
        if (hit) values.push(Math.max(0, hit.t - sample.at202));
        else missing++;
      }
    }
    return { values, missing };
  }

  close(): void {
    for (const socket of this.sockets) socket.close();
  }
}
