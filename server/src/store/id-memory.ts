/**
 * Report ids remembered for a while (idempotency), as Redis keys with a TTL do: an id is forgotten
 * once its time is over, so memory follows the reports of the last TTL, not all reports ever.
 * Ids expire in the order they were remembered, so a queue finds the expired ones without a scan.
 */
export class IdMemory {
  private readonly expiries = new Map<string, number>();
  private queue: Array<[id: string, expiresAtMs: number]> = [];
  private head = 0;

  constructor(private readonly ttlMs: number) {}

  /** Remembers `id` unless it is remembered and not expired at `nowMs`; true when it was new. */
  remember(id: string, nowMs: number): boolean {
    const expires = this.expiries.get(id);
    if (expires !== undefined && expires > nowMs) return false;
    const expiresAtMs = Math.max(nowMs, Date.now()) + this.ttlMs;
    this.expiries.set(id, expiresAtMs);
    this.queue.push([id, expiresAtMs]);
    return true;
  }

  /** Forgets the ids expired at `nowMs`. */
  forgetExpired(nowMs: number): void {
    while (this.head < this.queue.length && this.queue[this.head]![1] <= nowMs) {
      const [id, expiresAtMs] = this.queue[this.head++]!;
      if (this.expiries.get(id) === expiresAtMs) this.expiries.delete(id);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.expiries.size;
  }
}
