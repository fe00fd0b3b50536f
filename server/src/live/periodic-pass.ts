/**
 * A pass of work run every so often (alert checks, escalations, raw retention): never two at once, so
 * that a slow store does not pile passes up, and a failing pass is logged and tried again at the next.
 */
export class PeriodicPass<T> {
  #timer: NodeJS.Timeout | undefined;
  #running = false;

  constructor(
    private readonly pass: () => Promise<T>,
    /** What `run` returns when the pass is skipped or fails. */
    private readonly skipped: T,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.#timer = setInterval(() => void this.run(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async run(): Promise<T> {
    if (this.#running) return this.skipped;
    this.#running = true;
    try {
      return await this.pass();
    } catch (error) {
      this.onFailure(error);
      return this.skipped;
    } finally {
      this.#running = false;
    }
  }
}
