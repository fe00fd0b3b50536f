import { MAX_BATCH } from '@fairwatch/protocol';
import { phoneDb } from '../incidents/phone-db.ts';
import { isPermanent, onSendChances } from '../outbox/send-triggers.ts';
import { postCheckins, postCounts } from './field-api.ts';
import type { FieldItem } from './field-queue-types.ts';

/**
 * Count reports and check-ins made on a field phone, kept in IndexedDB until the server has them:
 * the same guarantees as the incident outbox (kept first, sent when possible, ids made on the phone so
 * that a resend counts once), sent in batches of up to MAX_BATCH per request.
 */
export class FieldQueue {
  items = $state.raw<FieldItem[]>([]);
  loaded = $state(false);
  sending = $state(false);
  online = $state(navigator.onLine);
  /** Grows each time the server took something: pages read their figures again. */
  delivered = $state(0);
  waiting = $derived(this.items.filter((item) => !item.refused).length);

  #stopListening: (() => void) | undefined;
  #again = false;

  start(): void {
    if (this.#stopListening) return;
    this.#stopListening = onSendChances(() => void this.flush(), () => this.waiting > 0, (online) => (this.online = online));
    void this.reload().then(() => this.flush());
  }

  stop(): void {
    this.#stopListening?.();
    this.#stopListening = undefined;
  }

  /** Keeps the item on the phone first (nothing is lost), then tries to send. */
  async add(item: FieldItem): Promise<void> {
    await (await phoneDb()).put('field-outbox', item);
    await this.changed();
  }

  /** Something was queued by another writer (a tally's sealed taps): show it and send it. */
  async changed(): Promise<void> {
    await this.reload();
    void this.flush();
  }

  async discard(id: string): Promise<void> {
    await (await phoneDb()).delete('field-outbox', id);
    await this.reload();
  }

  /** Sends what waits, oldest first, a batch per kind; stops at the first network failure. */
  async flush(): Promise<void> {
    if (this.sending) {
      this.#again = true;
      return;
    }
    this.sending = true;
    try {
      do {
        this.#again = false;
        await this.reload();
        const waiting = this.items.filter((item) => !item.refused);
        for (const kind of ['count', 'checkin'] as const) {
          const ofKind = waiting.filter((item) => item.kind === kind);
          for (let start = 0; start < ofKind.length; start += MAX_BATCH) {
            if (!(await this.#send(ofKind.slice(start, start + MAX_BATCH)))) return;
          }
        }
      } while (this.#again);
    } finally {
      this.sending = false;
      await this.reload();
    }
  }

  /** One batch; false when sending must stop for now (network down, server busy, key refused). */
  async #send(batch: FieldItem[]): Promise<boolean> {
    const db = await phoneDb();
    try {
      if (batch[0]!.kind === 'count') await postCounts(batch.map((item) => (item.kind === 'count' ? item.report : null)).filter((r) => r !== null));
      else await postCheckins(batch.map((item) => (item.kind === 'checkin' ? item.report : null)).filter((r) => r !== null));
      const tx = db.transaction('field-outbox', 'readwrite');
      await Promise.all([...batch.map((item) => tx.store.delete(item.id)), tx.done]);
      this.delivered++;
      return true;
    } catch (error) {
      if (isPermanent(error)) {
        // A batch is all or nothing: one bad item must not hold the others, so each goes alone.
        if (batch.length === 1) {
          await db.put('field-outbox', { ...batch[0]!, refused: error.message });
          return true;
        }
        for (const item of batch) if (!(await this.#send([item]))) return false;
        return true;
      }
      const tx = db.transaction('field-outbox', 'readwrite');
      await Promise.all([...batch.map((item) => tx.store.put({ ...item, attempts: item.attempts + 1 })), tx.done]);
      return false;
    }
  }

  async reload(): Promise<void> {
    this.items = await (await phoneDb()).getAllFromIndex('field-outbox', 'queuedAt');
    this.loaded = true;
  }
}

/** One queue per page: it outlives the field pages and the sign-ins. */
export const fieldQueue = new FieldQueue();
