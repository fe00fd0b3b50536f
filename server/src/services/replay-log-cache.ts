import type { LogEntry } from '../domain/replay.ts';
import type { LogRepository } from '../store/store.ts';

/** How long one read of the log serves replay requests (a slider being dragged, play at 60×). */
export const LOG_CACHE_MS = 2_000;
/** How often the log is read whole again (to let go of what retention trimmed meanwhile). */
export const LOG_FULL_READ_MS = 10 * 60_000;

/**
 * The durable log as replay requests read it: at most one read of the store every LOG_CACHE_MS,
 * shared by every request, and each read only of the entries newer than those already parsed (the
 * log is appended in time order), so a busy replay does not parse the whole log again and again:
 * the whole log is read once every LOG_FULL_READ_MS.
 */
export class LogCache {
  #entries: LogEntry[] = [];
  #read: { atMs: number; entries: Promise<LogEntry[]> } | null = null;
  #fullReadAtMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly store: LogRepository) {}

  entries(nowMs: number): Promise<LogEntry[]> {
    const last = this.#read;
    if (last && nowMs - last.atMs <= LOG_CACHE_MS && nowMs >= last.atMs) return last.entries;
    const whole = !last || nowMs < last.atMs || nowMs - this.#fullReadAtMs > LOG_FULL_READ_MS;
    const entries = whole ? this.#readWhole(nowMs) : this.#catchUp(nowMs, last.entries);
    entries.catch(() => (this.#read = null));
    this.#read = { atMs: nowMs, entries };
    return entries;
  }

  async #readWhole(nowMs: number): Promise<LogEntry[]> {
    this.#fullReadAtMs = nowMs;
    this.#entries = await this.store.readLog(nowMs);
    return this.#entries;
  }

  async #catchUp(nowMs: number, previous: Promise<LogEntry[]>): Promise<LogEntry[]> {
    await previous.catch(() => undefined);
    const entries = this.#entries;
    const sinceMs = entries.at(-1)?.atMs ?? 0;
    const newer = await this.store.readLog(nowMs, sinceMs);
    // Entries dated sinceMs are read again (more may have been written in that millisecond): drop ours.
    while (entries.length && entries.at(-1)!.atMs >= sinceMs) entries.pop();
    for (const entry of newer) if (entry.atMs >= sinceMs) entries.push(entry);
    return entries;
  }
}
