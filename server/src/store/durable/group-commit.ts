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

/** Transactions queued at once: one syncing while the next is built and waits for the writer. */
const MAX_IN_FLIGHT = 2;

/**
 * Group commit: every store operation changes its state in memory and queues its writes here; all the
 * writes queued while earlier transactions were committing go into the next one. An operation's
 * promise resolves after the transaction holding its writes is synced to disk (LMDB commit with
 * sync: overlappingSync is off, see data-dir.ts), so an answer never runs ahead of the disk, and a
 * busy server pays one sync per batch of requests, not one per request. Up to two transactions are
 * queued, so that one is prepared while the other syncs; LMDB commits them in order.
 */
export class GroupCommit {
  private collecting = new PendingCommit();
  /** Queued or committing, oldest first. */
  private inFlight: PendingCommit[] = [];
  private scheduled = false;

  constructor(
    private readonly root: RootDatabase,
    /** Called when a commit failed: what was in memory for it and after it is no longer on disk. */
    private readonly onFailure: (error: unknown) => void,
  ) {}

  put(db: Database, key: Key, value: unknown): void {
    this.collecting.writes.push([db, key, value]);
  }

  remove(db: Database, key: Key): void {
    this.collecting.writes.push([db, key, undefined]);
  }

  /**
   * Rewrites a record from `value()` when the commit starts. `value()` must return a copy that later
   * operations do not change: the engine encodes it when the transaction runs, later, and by then
   * operations of the next commit may have changed live objects (counts on disk ahead of their ids).
   */
  record(db: Database, key: string, value: () => unknown): void {
    this.collecting.records.set(key, { db, value });
  }

  /** Whether a mark is in a commit not yet on disk. */
  marked(mark: string): boolean {
    return this.collecting.marks.has(mark) || this.inFlight.some((commit) => commit.marks.has(mark));
  }

  /** Every mark of the commits not yet on disk. */
  *pendingMarks(): Iterable<string> {
    for (const commit of [...this.inFlight, this.collecting]) yield* commit.marks;
  }

  mark(mark: string): void {
    this.collecting.marks.add(mark);
  }

  /**
   * Resolves when everything written so far is on disk: the pending commit if it has writes, else the
   * newest in flight (LMDB commits in order). Operations that wrote nothing (duplicates) wait too: what
   * they answered about (the first copy) must be on disk before they say so.
   */
  settled(): Promise<void> {
    if (!this.collecting.empty) {
      this.schedule();
      return this.collecting.done;
    }
    return this.inFlight.at(-1)?.done ?? Promise.resolve();
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight.length >= MAX_IN_FLIGHT) return;
    this.scheduled = true;
    // One event-loop turn lets the requests that arrived together share the transaction.
    setImmediate(() => {
      this.scheduled = false;
      this.start();
    });
  }

  private start(): void {
    if (this.inFlight.length >= MAX_IN_FLIGHT || this.collecting.empty) return;
    const commit = this.collecting;
    this.collecting = new PendingCommit();
    let records: Array<[Database, string, unknown]>;
    try {
      // The records as they are now: the state of exactly the operations in this commit and before.
      records = [...commit.records].map(([key, { db, value }]) => [db, key, value()]);
    } catch (error) {
      this.fail(commit, error);
      return;
    }
    this.inFlight.push(commit);
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
          if (!this.inFlight.includes(commit)) return; // failed with an earlier one
          // Reads after this see the commit (the marks that stood in for it go with it).
          this.root.resetReadTxn();
          this.inFlight = this.inFlight.filter((candidate) => candidate !== commit);
          commit.resolve();
          if (!this.collecting.empty) this.start();
        },
        (error: unknown) => this.fail(commit, error),
      );
  }

  private fail(commit: PendingCommit, error: unknown): void {
    // The commits after this one were built on its state: they fail too, then the store reloads from disk.
    const index = this.inFlight.indexOf(commit);
    const failed = [...(index === -1 ? [commit] : this.inFlight.slice(index)), this.collecting];
    this.inFlight = index === -1 ? this.inFlight : this.inFlight.slice(0, index);
    this.collecting = new PendingCommit();
    for (const each of failed) each.reject(error);
    this.onFailure(error);
  }
}
