import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { PeriodicPass } from './periodic-pass.ts';

/**
 * Trims raw reports past the retention period, every few minutes. Figures and roll-ups are kept at
 * ingest and never read raw reports, so trimming changes no figure; it only keeps the log (and, in
 * the embedded store, the remembered ids past their TTL) from growing with the number of reports.
 */
export class RawRetention {
  readonly #passes: PeriodicPass<void>;

  constructor(
    private readonly store: Store,
    private readonly retentionMs: number,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.#passes = new PeriodicPass(
      async () => {
        const nowMs = this.now().getTime();
        const left = await this.store.trimRaw(nowMs - this.retentionMs, nowMs);
        this.logger.debug({ ...left }, 'trimmed raw reports past their retention');
      },
      undefined,
      (error) => this.logger.warn({ err: String(error) }, 'could not trim raw reports; will try again'),
    );
  }

  /**
   * Every 5 minutes of the clock: a simulated one (`clockRate` clock ms per real ms) trims that much
   * more often, or retention would never come round, but at most 4 times a real second.
   */
  start(clockRate = 1): void {
    this.#passes.start(Math.max(250, (5 * 60_000) / clockRate));
  }

  stop(): void {
    this.#passes.stop();
  }

  trim(): Promise<void> {
    return this.#passes.run();
  }
}
