import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/domain/replay.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { LOG_CACHE_MS, LOG_FULL_READ_MS, LogCache } from '../../src/services/replay-log-cache.ts';

const T0 = Date.parse('2022-10-15T10:00:00.000Z');

/** An embedded store whose log reads are counted (entries handed out). */
async function countingStore() {
  const store = new EmbeddedStore();
  const read = { calls: 0, entries: 0 };
  const readLog = store.readLog.bind(store);
  store.readLog = async (untilMs: number, sinceMs?: number) => {
    const entries = await readLog(untilMs, sinceMs);
    read.calls++;
    read.entries += entries.length;
    return entries;
  };
  const recount = (atMs: number, count: number) => store.recountZone('hall', count, { nowMs: atMs, nowIso: new Date(atMs).toISOString(), today: '2022-10-15', by: 'admin' });
  return { store, read, recount };
}

const counts = (entries: LogEntry[]) => entries.map((entry) => (entry.type === 'recount' ? entry.count : -1));

describe('the replay log cache', () => {
  it('reads the store at most once per LOG_CACHE_MS, then only what is newer than what it parsed', async () => {
    const { store, read, recount } = await countingStore();
    for (let i = 0; i < 1000; i++) await recount(T0 + i * 10, i);
    const cache = new LogCache(store);
    expect(await cache.entries(T0 + 20_000)).toHaveLength(1000);
    await cache.entries(T0 + 20_000 + LOG_CACHE_MS - 1);
    expect(read).toEqual({ calls: 1, entries: 1000 });

    await recount(T0 + 30_000, 1000);
    await recount(T0 + 30_000, 1001); // the same millisecond as the one before
    const first = counts(await cache.entries(T0 + 30_000));
    await recount(T0 + 30_000, 1002); // written in that millisecond after the read
    const second = await cache.entries(T0 + 30_000 + LOG_CACHE_MS + 1);
    expect(first.slice(-3)).toEqual([999, 1000, 1001]);
    expect(counts(second)).toEqual(Array.from({ length: 1003 }, (_, i) => i));
    // Three reads, the later two of a few entries each: not the whole log again.
    expect(read.calls).toBe(3);
    expect(read.entries).toBeLessThan(1010);
  });

  it('reads the whole log again after LOG_FULL_READ_MS, dropping what retention trimmed', async () => {
    const { store, read, recount } = await countingStore();
    for (let i = 0; i < 10; i++) await recount(T0 + i, i);
    const cache = new LogCache(store);
    await cache.entries(T0 + 1000);
    await store.trimRaw(T0 + 5, T0 + 1000);
    const later = await cache.entries(T0 + 1000 + LOG_FULL_READ_MS + 1);
    expect(counts(later)).toEqual([5, 6, 7, 8, 9]);
    expect(read.calls).toBe(2);
  });
});
