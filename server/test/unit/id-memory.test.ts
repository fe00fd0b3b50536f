import { describe, expect, it } from 'vitest';
import { IdMemory } from '../../src/store/id-memory.ts';
import { BUCKETS_PER_TTL, bucketExpiresAtMs, bucketWidthMs, liveBuckets } from '../../src/store/id-buckets.ts';

const TTL = 60_000;
const T0 = 1_700_000_000_000;

describe('IdMemory (idempotency in the embedded store)', () => {
  it('takes an id once while it is remembered, also within one batch', () => {
    const memory = new IdMemory(TTL);
    expect(memory.remember('a', T0)).toBe(true);
    expect(memory.remember('a', T0)).toBe(false);
    expect(memory.remember('b', T0 + 1)).toBe(true);
    expect(memory.remember('a', T0 + TTL - 1)).toBe(false);
    expect(memory.size).toBe(2);
  });

  it('remembers an id at least the TTL and at most a bucket more, across buckets', () => {
    const memory = new IdMemory(TTL);
    const width = bucketWidthMs(TTL);
    // Received at the very end of a bucket: the bucket must live a whole TTL after that instant.
    const receivedAt = T0 - (T0 % width) + width - 1;
    memory.remember('id', receivedAt);
    for (let t = receivedAt; t < receivedAt + TTL; t += width / 3) expect(memory.remember('id', t)).toBe(false);
    expect(memory.remember('id', receivedAt + TTL - 1)).toBe(false);
    memory.forgetExpired(receivedAt + TTL + width);
    expect(memory.size).toBe(0);
    expect(memory.remember('id', receivedAt + TTL + width)).toBe(true);
  });

  it('forgets whole buckets once expired, and counts what it holds', () => {
    const memory = new IdMemory(TTL);
    for (let i = 0; i < 100; i++) memory.remember(`old-${i}`, T0);
    for (let i = 0; i < 10; i++) memory.remember(`new-${i}`, T0 + TTL);
    expect(memory.size).toBe(110);
    memory.forgetExpired(T0 + TTL + bucketWidthMs(TTL) + 1);
    expect(memory.size).toBe(10);
    expect(memory.remember('new-3', T0 + TTL + 1)).toBe(false);
  });

  it('checks only the buckets that can still hold an id', () => {
    const width = bucketWidthMs(TTL);
    const buckets = liveBuckets(T0, width, TTL);
    expect(buckets.length).toBeGreaterThanOrEqual(BUCKETS_PER_TTL);
    expect(buckets.length).toBeLessThanOrEqual(BUCKETS_PER_TTL + 1);
    expect(buckets[0]).toBe(Math.floor(T0 / width));
    for (const bucket of buckets) expect(bucketExpiresAtMs(bucket, width, TTL)).toBeGreaterThan(T0);
    expect(bucketExpiresAtMs(buckets.at(-1)! - 1, width, TTL)).toBeLessThanOrEqual(T0);
  });
});
