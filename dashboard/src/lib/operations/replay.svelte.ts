import type { DayTimeline, ReplayFrame, Snapshot } from '@fairwatch/protocol';
import { getJson } from '../api.ts';

/**
 * The time slider's state: live (null frame) or the floor at a past minute, rebuilt by the server from
 * its durable log. Play advances the shown time at 10× or 60×; "live" drops the frame.
 */
export class Replay {
  /** The instant shown (epoch ms), or null when live. */
  atMs = $state<number | null>(null);
  frame = $state.raw<ReplayFrame | null>(null);
  speed = $state<0 | 10 | 60>(0);
  timeline = $state.raw<DayTimeline | null>(null);
  #timer: ReturnType<typeof setInterval> | undefined;
  #request = 0;

  /** The replayed figures as a snapshot, for the map and the lists. */
  snapshot = $derived<Snapshot | null>(this.frame ? { seq: 0, ...this.frame.figures } : null);

  async loadTimeline(): Promise<void> {
    try {
      this.timeline = await getJson<DayTimeline>('/api/v1/replay/day');
    } catch {
      // kept as it was; the next refresh tries again
    }
  }

  async show(atMs: number): Promise<void> {
    this.atMs = Math.min(atMs, Date.now());
    const request = ++this.#request;
    try {
      const frame = await getJson<ReplayFrame>(`/api/v1/replay?at=${encodeURIComponent(new Date(this.atMs).toISOString())}`);
      if (request === this.#request && this.atMs !== null) this.frame = frame;
    } catch {
      // the slider stays where it is
    }
  }

  play(speed: 10 | 60): void {
    this.pause();
    this.speed = speed;
    if (this.atMs === null) void this.show(Date.now() - 3_600_000);
    const stepMs = 500;
    this.#timer = setInterval(() => {
      if (this.atMs === null) return this.pause();
      const next = this.atMs + stepMs * speed;
      if (next >= Date.now()) return this.live();
      void this.show(next);
    }, stepMs);
  }

  pause(): void {
    clearInterval(this.#timer);
    this.speed = 0;
  }

  live(): void {
    this.pause();
    this.#request++;
    this.atMs = null;
    this.frame = null;
  }
}
