/**
 * Idempotency windows. Report ids are remembered in buckets by the time they were received, a bucket
 * per quarter of the TTL: a lookup checks the few live buckets, and forgetting is dropping a whole
 * bucket, never a scan or a timer per id. An id is remembered at least the TTL after it was received
 * and at most a quarter more. Both stores use these numbers (the embedded store in sets in memory,
 * the Redis store in one Redis set per bucket), so they remember and forget alike.
 */
export const BUCKETS_PER_TTL = 4;

export function bucketWidthMs(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs / BUCKETS_PER_TTL));
}

/** The bucket an id received at `nowMs` goes into. */
export function bucketOf(nowMs: number, widthMs: number): number {
  return Math.floor(nowMs / widthMs);
}

/** When a bucket may go: the TTL after the last instant it takes ids for. */
export function bucketExpiresAtMs(bucket: number, widthMs: number, ttlMs: number): number {
  return (bucket + 1) * widthMs + ttlMs;
}

/** The buckets that may still hold a remembered id at `nowMs`, newest first. */
export function liveBuckets(nowMs: number, widthMs: number, ttlMs: number): number[] {
  const buckets: number[] = [];
  for (let bucket = bucketOf(nowMs, widthMs); bucketExpiresAtMs(bucket, widthMs, ttlMs) > nowMs; bucket--) buckets.push(bucket);
  return buckets;
}
