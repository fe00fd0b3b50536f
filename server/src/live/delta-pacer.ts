import type { Logger } from '../log.ts';
import type { FiguresFeed } from './figures-feed.ts';

/**
 * When the figures feed publishes. A tick every TICK_MS; a change goes out at once when the last delta
 * is older than TICK_MS and waits for that moment otherwise: quiet floors get their figures within
 * milliseconds, busy ones one delta per TICK_MS. A slow store never piles ticks up.
 */
export class DeltaPacer {
  #ticker: NodeJS.Timeout | undefined;
  #flushTimer: NodeJS.Timeout | undefined;
  #ticking = false;

  constructor(
    private readonly feed: Pick<FiguresFeed, 'tick' | 'lastDeltaMs'>,
    private readonly options: { tickMs: number; now: () => Date; clockRate: number; logger: Logger },
  ) {}

  start(): void {
    this.#ticker = setInterval(() => void this.tick(), this.options.tickMs);
  }

  /** Something changed: publish as soon as the pace allows. */
  flushSoon(): void {
    if (this.#flushTimer || !this.#ticker) return;
    // The last delta is dated by the clock, the wait is real time.
    const wait = Math.max(0, this.options.tickMs - (this.options.now().getTime() - this.feed.lastDeltaMs) / this.options.clockRate);
    this.#flushTimer = setTimeout(() => {
      this.#flushTimer = undefined;
      void this.tick();
    }, wait);
  }

  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    // A tick that fails (a venue the figures cannot be built for) is logged; the server keeps serving.
    await this.feed
      .tick()
      .catch((error: unknown) => this.options.logger.error({ err: String(error) }, 'live figures not published this tick'))
      .finally(() => (this.#ticking = false));
  }

  stop(): void {
    clearInterval(this.#ticker);
    clearTimeout(this.#flushTimer);
    this.#ticker = undefined;
    this.#flushTimer = undefined;
  }
}
