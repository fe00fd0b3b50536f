import { bucketExpiresAtMs, bucketOf, bucketWidthMs } from './id-buckets.ts';

/** V8 refuses a Set beyond 2^24 entries; a bucket takes a new set well before. */
const MAX_SET_SIZE = 8_000_000;

interface Bucket {
  bucket: number;
  sets: Array<Set<string>>;
}

/**
 * Report ids remembered for idempotency in this process, in time buckets (see id-buckets.ts) as the
 * Redis store keeps them. No per-id expiry: under heavy ingest a timestamp and a queue entry per id
 * were a large share of the work and of the garbage collector's.
 */
export class IdMemory {
  private readonly widthMs: number;
  /** Newest first. */
  private buckets: Bucket[] = [];

  constructor(private readonly ttlMs: number) {
    this.widthMs = bucketWidthMs(ttlMs);
  }

  /** Remembers `id` unless it is remembered at `nowMs`; true when it was new. */
  remember(id: string, nowMs: number): boolean {
    const current = this.currentSet(nowMs);
    for (const { bucket, sets } of this.buckets) {
      if (bucketExpiresAtMs(bucket, this.widthMs, this.ttlMs) <= nowMs) break;
      for (const set of sets) if (set !== current && set.has(id)) return false;
    }
    // One hash lookup for the set that takes it: add, and see whether the size changed.
    const size = current.size;
    return current.add(id).size !== size;
  }

  /** Drops the buckets whose every id has been remembered for its TTL at `nowMs`. */
  forgetExpired(nowMs: number): void {
    this.buckets = this.buckets.filter(({ bucket }) => bucketExpiresAtMs(bucket, this.widthMs, this.ttlMs) > nowMs);
  }

  get size(): number {
    let size = 0;
    for (const { sets } of this.buckets) for (const set of sets) size += set.size;
    return size;
  }

  private currentSet(nowMs: number): Set<string> {
    const bucket = bucketOf(nowMs, this.widthMs);
    // After a clock went back, ids join the newest bucket: it lives at least as long.
    let newest = this.buckets[0];
    if (!newest || newest.bucket < bucket) {
      newest = { bucket, sets: [new Set()] };
      this.buckets.unshift(newest);
    }
    let set = newest.sets.at(-1)!;
    if (set.size >= MAX_SET_SIZE) newest.sets.push((set = new Set()));
    return set;
  }
}
