import type { Database } from 'lmdb';
import type { LogEntry } from '../../domain/replay.ts';
import type { LogRepository } from '../store.ts';
import { entryCount, removeRange, type DurableParts } from './durable-parts.ts';

/**
 * The durable log (the `log` database, keys `[atMs, seq]`), on disk only: every write of the other
 * concerns appends to it in the same commit, and replay and the day's charts read it.
 */
export class DurableLog implements LogRepository {
  private seq = 0;
  private newestMs = -Infinity;

  constructor(
    private readonly parts: DurableParts,
    private readonly db: Database,
  ) {}

  /** Continues after the newest entry on disk (start-up, or after a failed commit). */
  load(): void {
    const newest = [...this.db.getKeys({ reverse: true, limit: 1 })][0] as [number, number] | undefined;
    this.newestMs = newest?.[0] ?? -Infinity;
    this.seq = (newest?.[1] ?? 0) + 1;
  }

  append(entry: LogEntry): void {
    // In order, as Redis keeps its stream: an entry dated before the newest goes right after it.
    const atMs = Math.max(entry.atMs, this.newestMs);
    this.newestMs = atMs;
    const { atMs: _dated, ...body } = entry;
    this.parts.writer.put(this.db, [atMs, this.seq++], body);
  }

  async readLog(untilMs: number, sinceMs?: number): Promise<LogEntry[]> {
    await this.parts.commit();
    return [...this.db.getRange({ ...(sinceMs !== undefined && { start: [sinceMs] }), end: [untilMs, Number.MAX_SAFE_INTEGER] })].map(({ key, value }) => ({ ...(value as Omit<LogEntry, 'atMs'>), atMs: (key as [number, number])[0] }) as LogEntry);
  }

  /** Drops the entries dated before `beforeMs` (raw retention). */
  async trimBefore(beforeMs: number): Promise<void> {
    await removeRange(this.parts, this.db, [beforeMs]);
  }

  get size(): number {
    return entryCount(this.db);
  }
}
