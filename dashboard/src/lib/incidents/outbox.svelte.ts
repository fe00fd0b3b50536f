import type { IncidentReport } from '@fairwatch/protocol';
import { ApiError } from '../api.ts';
import { isPermanent, onSendChances } from '../outbox/send-triggers.ts';
import { postIncident, putPhoto } from './incident-api.ts';
import { phoneDb, type OutboxItem } from './phone-db.ts';

/**
 * Reports logged on the phone, kept in IndexedDB until the server has them. Sent in order, at once
 * when possible, then again on `online`, on coming back to the foreground, and on a timer, so that a
 * report made in a basement reaches the control room when the phone finds the network again.
 */
export class Outbox {
  items = $state.raw<OutboxItem[]>([]);
  sending = $state(false);
  loaded = $state(false);
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** Waiting to be sent (refused ones are not waiting: they need the user). */
  waiting = $derived(this.items.filter((item) => !item.refused).length);

  #stopListening: (() => void) | undefined;
  #again = false;
  #started = false;

  /** Loads the queue and starts listening for chances to send; idempotent. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#stopListening = onSendChances(() => void this.flush(), () => this.waiting > 0, (online) => (this.online = online));
    void this.#reload().then(() => this.flush());
  }

  /** Reads what waits, without sending (signed out: it is sent after the next sign-in). */
  load(): Promise<void> {
    return this.#reload();
  }

  stop(): void {
    this.#stopListening?.();
  }

  /**
   * Keeps the report on the phone first (so that nothing is lost), then tries to send it. It is stamped
   * with the moment the guard tapped send (`loggedAt`), which the server keeps however late it arrives.
   */
  async add(report: IncidentReport, photo?: Blob): Promise<void> {
    const queuedAt = new Date().toISOString();
    const stamped: IncidentReport = { ...report, loggedAt: report.loggedAt ?? queuedAt };
    const item: OutboxItem = { id: report.id, report: stamped, ...(photo && { photo }), reportSent: false, queuedAt, attempts: 0 };
    await (await phoneDb()).put('outbox', item);
    await this.#reload();
    void this.flush();
  }

  async discard(id: string): Promise<void> {
    await (await phoneDb()).delete('outbox', id);
    await this.#reload();
  }

  /** Sends what waits, oldest first; stops at the first network failure (the next trigger resumes). */
  async flush(): Promise<void> {
    if (this.sending) {
      this.#again = true;
      return;
    }
    this.sending = true;
    try {
      do {
        this.#again = false;
        await this.#reload();
        for (const item of this.items) {
          if (item.refused) continue;
          if (!(await this.#send(item))) return;
        }
      } while (this.#again);
    } finally {
      this.sending = false;
      await this.#reload();
    }
  }

  /** One item; false when sending must stop for now (network down, server busy, signed out). */
  async #send(item: OutboxItem): Promise<boolean> {
    const db = await phoneDb();
    try {
      if (!item.reportSent) {
        try {
          await postIncident(item.report);
        } catch (error) {
          // A phone clock far ahead of the server's: the report matters more than its time; the server's receipt time stands in.
          if (!(error instanceof ApiError && error.code === 'clock_skew' && item.report.loggedAt)) throw error;
          const { loggedAt: _wrong, ...report } = item.report;
          item = { ...item, report };
          await postIncident(item.report);
        }
        item = { ...item, reportSent: true };
        if (item.photo) await db.put('outbox', item);
      }
      if (item.photo) {
        try {
          await putPhoto(item.id, item.photo);
        } catch (error) {
          // A photo the server will never take must not hold the queue: the report is in already.
          if (!isPermanent(error)) throw error;
        }
      }
      await db.delete('outbox', item.id);
      return true;
    } catch (error) {
      if (isPermanent(error)) {
        await db.put('outbox', { ...item, refused: (error as ApiError).message });
        return true;
      }
      await db.put('outbox', { ...item, attempts: item.attempts + 1 });
      return false;
    }
  }

  async #reload(): Promise<void> {
    const all = await (await phoneDb()).getAllFromIndex('outbox', 'queuedAt');
    this.items = all;
    this.loaded = true;
  }
}

/** One outbox per page: it outlives the views and the sign-ins (reports wait for the next one). */
export const outbox = new Outbox();
