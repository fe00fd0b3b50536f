/** A fixed-window budget of events: enough for honest clients, a wall for floods. */
export class EventBudget {
  private windowStart = 0;
  private used = 0;
  /** Events refused in the current window. */
  overdrawn = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(): boolean {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
      this.overdrawn = 0;
    }
    if (this.used < this.limit) {
      this.used++;
      return true;
    }
    this.overdrawn++;
    return false;
  }
}
