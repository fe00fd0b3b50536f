import type { Database, Key, RootDatabase } from 'lmdb';

/** One write in a commit: `value` undefined removes the key. */
type Write = [Database, Key, unknown];

/** The writes of everything done since the previous commit started, committed in one transaction. */
export class PendingCommit {
  readonly writes: Write[] = [];
  /** Records rewritten whole at commit time from the latest state (last one wins: many changes, one write). */
  readonly records = new Map<string, { db: Database; value: () => unknown }>();
  /** Keys written by this commit that reads must see before it is on disk (ids and badges: "seen"). */
  readonly marks = new Set<string>();
  readonly done: Promise<void>;
  resolve!: () => void;
  reject!: (error: unknown) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A commit that fails with no waiter left must not become an unhandled rejection.
    this.done.catch(() => {});
  }

  get empty(): boolean {
    return this.writes.length === 0 && this.records.size === 0;
  }
}

/**
 * Group commit: every store operation changes its state in memory and queues its writes here; all the
 * writes queued while the previous transaction was committing go into the next one. An operation's
 * promise resolves after the transaction holding its writes is synced to disk (LMDB commit with
 * sync), so an answer never runs ahead of the disk, and a busy server pays one sync per batch of
 * requests, not one per request. Transactions commit one at a time, in order.
 */
export class GroupCommit {
  private collecting = new PendingCommit();
  private committing: PendingCommit | null = null;
  private scheduled = false;

  constructor(
    private readonly root: RootDatabase,
    /** Called when a commit failed: what was in memory for it and after it is no longer on disk. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  /** The commit that takes writes now. */
  get current(): PendingCommit {
    return this.collecting;
  }

  put(db: Database, key: Key, value: unknown): void {
    this.collecting.writes.push([db, key, value]);
  }

  remove(db: Database, key: Key): void {
    this.collecting.writes.push([db, key, undefined]);
  }

  /** Rewrites a record from `value()` when the commit starts. */
  record(db: Database, key: string, value: () => unknown): void {
    this.collecting.records.set(key, { db, value });
  }

  /** Whether a mark is in a commit not yet on disk. */
  marked(mark: string): boolean {
    return this.collecting.marks.has(mark) || (this.committing?.marks.has(mark) ?? false);
  }

  mark(mark: string): void {
    this.collecting.marks.add(mark);
  }

  /**
   * Resolves when everything written so far is on disk: the pending commit if it has writes, else the
   * one committing. Operations that wrote nothing (duplicates) wait too: what they answered about
   * (the first copy) must be on disk before they say so.
   */
  settled(): Promise<void> {
    if (!this.collecting.empty) {
      this.schedule();
      return this.collecting.done;
    }
    return this.committing?.done ?? Promise.resolve();
  }

  private schedule(): void {
    if (this.scheduled || this.committing) return;
    this.scheduled = true;
    // One event-loop turn lets the requests that arrived together share the transaction.
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    if (this.committing || this.collecting.empty) return;
    const commit = this.collecting;
    this.collecting = new PendingCommit();
    this.committing = commit;
    let records: Array<[Database, string, unknown]>;
    try {
      records = [...commit.records].map(([key, { db, value }]) => [db, key, value()]);
    } catch (error) {
      this.fail(commit, error);
      return;
    }
    this.root
      .transaction(() => {
        for (const [db, key, value] of records) db.put(key, value);
        for (const [db, key, value] of commit.writes) {
          if (value === undefined) db.remove(key);
          else db.put(key, value);
        }
      })
      .then(
        () => {
          // Reads after this see the commit (the marks that stood in for it go with it).
          this.root.resetReadTxn();
          this.committing = null;
          commit.resolve();
          if (!this.collecting.empty) this.start();
        },
        (error: unknown) => this.fail(commit, error),
      );
  }

  private fail(commit: PendingCommit, error: unknown): void {
    // The next commit was built on this one's state: it fails too, then the store reloads from disk.
    const next = this.collecting;
    this.collecting = new PendingCommit();
    this.committing = null;
    commit.reject(error);
    next.reject(error);
    this.onFailure(error);
  }
}
