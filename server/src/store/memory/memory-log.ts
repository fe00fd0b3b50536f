import type { LogEntry } from '../../domain/replay.ts';
import type { LogRepository } from '../store.ts';

/** Most log entries the embedded store keeps for replay (a long fair day of batches). */
const EMBEDDED_LOG_CAPACITY = 500_000;

/** The durable log's stand-in: accepted batches and every change, in this process's memory (capped). */
export class MemoryLog implements LogRepository {
  private readonly entries: LogEntry[] = [];

  append(entry: LogEntry): void {
    // In order, as Redis keeps its stream: an entry dated before the newest goes right after it.
    const newest = this.entries.at(-1);
    if (newest && entry.atMs < newest.atMs) entry = { ...entry, atMs: newest.atMs };
    this.entries.push(entry);
    // Trimmed by a tenth at a time: a splice per append would move half a million entries each time.
    if (this.entries.length > EMBEDDED_LOG_CAPACITY) this.entries.splice(0, this.entries.length - EMBEDDED_LOG_CAPACITY * 0.9);
  }

  async readLog(untilMs: number, sinceMs?: number): Promise<LogEntry[]> {
    const end = this.entries.findIndex((entry) => entry.atMs > untilMs);
    const start = sinceMs === undefined ? 0 : this.entries.findIndex((entry) => entry.atMs >= sinceMs);
    if (start === -1) return [];
    return this.entries.slice(start, end === -1 ? undefined : end);
  }

  /** Drops the entries dated before `beforeMs` (raw retention). */
  trimBefore(beforeMs: number): void {
    const keep = this.entries.findIndex((entry) => entry.atMs >= beforeMs);
    this.entries.splice(0, keep === -1 ? this.entries.length : keep);
  }

  get size(): number {
    return this.entries.length;
  }
}
