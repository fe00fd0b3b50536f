import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/store/durable/data-dir.ts';
import { GroupCommit } from '../../src/store/durable/group-commit.ts';
import { countersRecord } from '../../src/store/durable/records.ts';
import { applyCount, emptyFloorCounters } from '../../src/domain/floor-counters.ts';

/** The group commit on a real LMDB file: what a commit writes is the state of its own operations. */
describe('GroupCommit', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const engine = () => {
    const dir = mkdtempSync(join(tmpdir(), 'fairwatch-commit-'));
    dirs.push(dir);
    return openEngine(join(dir, 'fairwatch.mdb'));
  };

  it('writes a record as it was when its commit started, not as later operations changed it', async () => {
    const root = engine();
    const state = root.openDB('state', {});
    const writer = new GroupCommit(root, () => {});
    // A running figure the next operation changes in place while this commit is still on its way;
    // the record is a copy taken when the commit starts (as countersRecord makes, below).
    const figures = { gate: { in: 1 } };
    writer.record(state, 'counters', () => ({ gate: { ...figures.gate } }));
    const first = writer.settled();
    await new Promise((resolve) => setImmediate(resolve)); // the commit has started
    figures.gate.in = 2; // an operation of the next commit, whose ids are not in this one
    await first;
    expect(state.get('counters')).toEqual({ gate: { in: 1 } });
    writer.record(state, 'counters', () => ({ gate: { ...figures.gate } }));
    await writer.settled();
    expect(state.get('counters')).toEqual({ gate: { in: 2 } });
    await root.close();
  });

  it('takes the running figures as a copy that shares no object with them', () => {
    const counters = emptyFloorCounters();
    const context = { nowMs: Date.parse('2022-10-15T10:00:00Z'), nowIso: '2022-10-15T10:00:00.000Z', today: '2022-10-15' };
    const line = { from: null, to: 'hall' };
    applyCount(counters, { id: 'a', gate: 'door', line, in: 5, out: 0, at: context.nowIso, atMs: context.nowMs, day: '2022-10-15' }, context);
    applyCount(counters, { id: 'b', gate: 'door', line, device: 'cam', in: 100, out: 0, at: context.nowIso, atMs: context.nowMs, day: '2022-10-15' }, context);
    const record = countersRecord(counters);
    const before = JSON.stringify(record);
    // The next operation changes the live figures in place.
    applyCount(counters, { id: 'c', gate: 'door', line, in: 3, out: 0, at: context.nowIso, atMs: context.nowMs + 1, day: '2022-10-15' }, context);
    applyCount(counters, { id: 'd', gate: 'door', line, device: 'cam', in: 120, out: 0, at: context.nowIso, atMs: context.nowMs + 2, day: '2022-10-15' }, context);
    expect(JSON.stringify(record)).toBe(before);
    expect(JSON.stringify(countersRecord(counters))).not.toBe(before);
  });
});
