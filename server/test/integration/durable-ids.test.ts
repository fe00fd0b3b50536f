import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PreparedCount } from '../../src/domain/floor-counters.ts';
import { DurableStore } from '../../src/store/durable-store.ts';

/**
 * The durable store's id memory through its in-memory filter (store/durable/id-filter.ts): however the
 * filter is rebuilt (full, or after a restart) while commits are on their way to the disk, a retry of
 * any acknowledged id counts once.
 */
describe('the durable store remembering report ids', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const NOW = Date.parse('2022-10-15T10:00:00.000Z');
  const context = { nowMs: NOW, nowIso: new Date(NOW).toISOString(), today: '2022-10-15' };
  const batch = (from: number): PreparedCount[] =>
    Array.from({ length: 100 }, (_, i) => ({ id: `r-${from + i}`, gate: 'door', line: { from: null, to: 'hall' }, in: 1, out: 0, at: context.nowIso, atMs: NOW, day: '2022-10-15', hour: 11 }));

  it('counts every retry as a duplicate across filter rebuilds and a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairwatch-ids-'));
    dirs.push(dir);
    let store = await DurableStore.open({ dataDir: dir, idTtlSeconds: 3600, idFilterCapacity: 10_000 });
    // 80,000 ids in concurrent batches: eight times what the first filter is made for, so it is
    // rebuilt (growing) while commits are in flight.
    const starts = Array.from({ length: 800 }, (_, i) => i * 100);
    const first = await Promise.all(starts.map((from) => store.ingestCounts(batch(from), context)));
    expect(first.reduce((sum, result) => sum + result.accepted, 0)).toBe(80_000);
    const again = await Promise.all(starts.map((from) => store.ingestCounts(batch(from), context)));
    expect(again.reduce((sum, result) => sum + result.duplicates, 0)).toBe(80_000);
    await store.close();
    store = await DurableStore.open({ dataDir: dir, idTtlSeconds: 3600, idFilterCapacity: 10_000 });
    const afterRestart = await store.ingestCounts([...batch(0), ...batch(79_900)], context);
    expect(afterRestart).toEqual({ accepted: 0, duplicates: 200 });
    expect((await store.ingestCounts(batch(80_000), context)).accepted).toBe(100);
    expect((await store.readFloor('2022-10-15', NOW)).gates.door).toEqual({ in: 80_100, out: 0 });
    await store.close();
  }, 60_000);
});
