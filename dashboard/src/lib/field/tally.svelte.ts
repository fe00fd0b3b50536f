import { phoneDb } from '../incidents/phone-db.ts';
import { newIncidentId as newId } from '../incidents/view.svelte.ts';
import type { Tap } from './field-queue-types.ts';
import { fieldQueue } from './field-queue.svelte.ts';
import { UNDO_MS, reportsOf, sealable } from './field-rules.ts';

/** How often taps past their undo window are looked for. */
const SEAL_EVERY_MS = 1_000;

/**
 * A steward's taps: each is kept in IndexedDB at once (a reload or a dead battery loses nothing), can
 * be undone for UNDO_MS, and is then sealed with the others into count reports in one transaction
 * (taps out, reports in: none lost, none doubled) that the field queue delivers.
 */
export class Tally {
  taps = $state.raw<Tap[]>([]);
  /** The newest tap still within its undo window, if any. */
  undoable = $state.raw<Tap | null>(null);

  #timer: ReturnType<typeof setInterval> | undefined;

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), SEAL_EVERY_MS);
    void this.tick();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  async tap(gate: string, direction: Tap['direction'], n: number): Promise<void> {
    const tap: Tap = { id: newId(), gate, direction, n, atMs: Date.now() };
    await (await phoneDb()).put('taps', tap);
    await this.reload();
  }

  /** Takes back the newest tap; false when it was already sealed (its window is over). */
  async undo(): Promise<boolean> {
    const tap = this.undoable;
    if (!tap || Date.now() - tap.atMs >= UNDO_MS) return false;
    const tx = (await phoneDb()).transaction('taps', 'readwrite');
    const stored = await tx.store.get(tap.id);
    if (stored) await tx.store.delete(tap.id);
    await tx.done;
    await this.reload();
    return stored !== undefined;
  }

  /** Seals what can no longer be undone, then refreshes what the page shows. */
  async tick(): Promise<void> {
    const db = await phoneDb();
    const tx = db.transaction(['taps', 'field-outbox'], 'readwrite');
    const due = sealable(await tx.objectStore('taps').getAll(), Date.now());
    if (due.length) {
      const queuedAt = new Date().toISOString();
      for (const report of reportsOf(due, newId)) await tx.objectStore('field-outbox').put({ kind: 'count', report, id: report.id, queuedAt, attempts: 0 });
      for (const tap of due) await tx.objectStore('taps').delete(tap.id);
    }
    await tx.done;
    await this.reload();
    if (due.length) await fieldQueue.changed();
  }

  async reload(): Promise<void> {
    const taps = await (await phoneDb()).getAll('taps');
    this.taps = taps;
    const newest = taps.reduce<Tap | null>((latest, tap) => (!latest || tap.atMs > latest.atMs ? tap : latest), null);
    this.undoable = newest && Date.now() - newest.atMs < UNDO_MS ? newest : null;
  }
}
