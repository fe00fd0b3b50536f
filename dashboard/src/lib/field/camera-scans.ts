/**
 * What the scanner's camera frames mean, as a pure rule (unit tested): a badge held in front of the
 * camera is one check-in however many frames show it; it counts again once it has been out of view for
 * a moment; a damaged code is reported now and then, not at every frame; and a frame still being read
 * when the camera stops counts nothing (its badge is no longer in view, and the guard has moved on).
 */
import type { FrameReading } from './barcode-reader.ts';

/** A code still in view is the same scan; it counts again once it has been out of view this long. */
export const GONE_MS = 1_500;
/** "Unreadable" is said at most this often while a damaged code stays in view. */
export const UNREADABLE_EVERY_MS = 2_000;

export type FrameOutcome = { kind: 'checkIn'; text: string } | { kind: 'unreadable' } | null;

export class CameraScans {
  /** The current run's token; stopping moves it on, so no frame of an earlier run matches it. */
  #run = 0;
  #inView: { code: string; lastMs: number } | null = null;
  #lastUnreadableMs = -Infinity;

  /** The camera starts: the token its frames carry. */
  start(): number {
    this.#inView = null;
    return ++this.#run;
  }

  stop(): void {
    this.#run++;
    this.#inView = null;
  }

  /** Whether a frame read during `run` still belongs to the camera as it runs now. */
  current(run: number): boolean {
    return run === this.#run;
  }

  /** What a frame read during `run` shows at `nowMs`. */
  frame(run: number, readings: readonly FrameReading[], nowMs: number): FrameOutcome {
    if (!this.current(run)) return null;
    const decoded = readings.find((reading) => reading.kind === 'text');
    if (decoded?.kind === 'text') {
      if (this.#inView?.code === decoded.text) {
        this.#inView.lastMs = nowMs;
        return null;
      }
      this.#inView = { code: decoded.text, lastMs: nowMs };
      return { kind: 'checkIn', text: decoded.text };
    }
    if (this.#inView && nowMs - this.#inView.lastMs > GONE_MS) this.#inView = null;
    if (readings.some((reading) => reading.kind === 'unreadable') && nowMs - this.#lastUnreadableMs > UNREADABLE_EVERY_MS) {
      this.#lastUnreadableMs = nowMs;
      return { kind: 'unreadable' };
    }
    return null;
  }
}
