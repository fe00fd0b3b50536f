import type { Database, Key } from 'lmdb';
import type { StoreChange } from '../store.ts';
import type { GroupCommit } from './group-commit.ts';

/** What the durable store lends the modules of each concern: its group commit, its state and its bus. */
export interface DurableParts {
  writer: GroupCommit;
  /** The `state` database: the small records memory is loaded from (records.ts RecordKey). */
  state: Database;
  /** Throws StoreUnavailableError when the store is closed. */
  writable(): void;
  closed(): boolean;
  /** Resolves when everything written so far is on disk (StoreUnavailableError otherwise). */
  commit(): Promise<void>;
  publish(change: StoreChange): void;
}

/**
 * A concern's memory, loaded from the `state` records at start-up and again after a failed commit:
 * `reset` empties it, `restore` takes the records of its kinds (false for another concern's).
 */
export interface DurableConcern {
  reset(): void;
  restore(kind: string, rest: string, value: unknown, nowMs: number): boolean;
}

/** Raw material is dropped in transactions of this many keys, so that ingest never waits long behind trimming. */
const TRIM_CHUNK = 5_000;

/** Removes the keys of `db` below `end`, a chunk per commit; true when there were any. */
export async function removeRange(parts: DurableParts, db: Database, end: Key[]): Promise<boolean> {
  let removed = false;
  for (;;) {
    await parts.commit();
    const keys = [...db.getKeys({ end, limit: TRIM_CHUNK })];
    if (!keys.length) return removed;
    for (const key of keys) parts.writer.remove(db, key);
    removed = true;
  }
}

export function entryCount(db: Database): number {
  return (db.getStats() as { entryCount: number }).entryCount;
}
