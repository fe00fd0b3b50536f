/**
 * At most `perAddress` slow secret checks (scrypt: sign-ins, unproven device keys) run at once for one
 * client address; the others wait their turn. scrypt runs on libuv's small thread pool (4 threads), so
 * without this one address's burst of charged guesses fills the pool and every other sign-in queues
 * behind it for seconds. What waits here was already charged, so the queue is bounded by the limits.
 */
export class SlowCheckSlots {
  private readonly addresses = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(private readonly perAddress: number) {}

  /** Resolves once a slot of `address` is free; call the returned function when the check is over. */
  async acquire(address: string): Promise<() => void> {
    let slots = this.addresses.get(address);
    if (!slots) this.addresses.set(address, (slots = { running: 0, waiting: [] }));
    const entry = slots;
    if (entry.running < this.perAddress) entry.running++;
    else await new Promise<void>((resolve) => entry.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      // The slot passes straight to the next waiter, so `running` stays as it is.
      const next = entry.waiting.shift();
      if (next) next();
      else if (--entry.running === 0) this.addresses.delete(address);
    };
  }

  /** Checks running now for `address` (tests). */
  running(address: string): number {
    return this.addresses.get(address)?.running ?? 0;
  }
}
