/**
 * Digests of device keys that failed their check, remembered briefly: a device (or an attacker)
 * repeating a wrong key is answered from memory, without another scrypt. Bounded: past `max`
 * entries the oldest are forgotten first, so a flood of distinct wrong keys cannot grow memory.
 */
export class FailedKeys {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly nowMs: () => number = Date.now,
  ) {}

  has(digest: string): boolean {
    const until = this.until.get(digest);
    if (until === undefined) return false;
    if (until > this.nowMs()) return true;
    this.until.delete(digest);
    return false;
  }

  add(digest: string): void {
    this.until.delete(digest);
    this.until.set(digest, this.nowMs() + this.ttlMs);
    while (this.until.size > this.max) this.until.delete(this.until.keys().next().value!);
  }

  get size(): number {
    return this.until.size;
  }
}
