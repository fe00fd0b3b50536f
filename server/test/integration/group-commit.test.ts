import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/store/durable/data-dir.ts';
import { GroupCommit } from '../../src/store/durable/group-commit.ts';

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
    // A running figure the next operation changes in place while this commit is still on its way.
    const figures = { gate: { in: 1 } };
    writer.record(state, 'counters', () => figures);
    const first = writer.settled();
    await new Promise((resolve) => setImmediate(resolve)); // the commit has started
    figures.gate.in = 2; // an operation of the next commit, whose ids are not in this one
    await first;
    expect(state.get('counters')).toEqual({ gate: { in: 1 } });
    writer.record(state, 'counters', () => figures);
    await writer.settled();
    expect(state.get('counters')).toEqual({ gate: { in: 2 } });
    await root.close();
  });
});
