import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { IncidentReport } from '@fairwatch/protocol';
import type { FieldItem, Tap } from '../field/field-queue-types.ts';

/** A report waiting on the phone until the server has it (and its photo). */
export interface OutboxItem {
  /** The incident's id, made on the phone: a resend is recognised by the server as the same report. */
  id: string;
  report: IncidentReport;
  /** The downscaled photo, sent once the report is in. */
  photo?: Blob;
  /** The server has the report; only the photo is left to send. */
  reportSent: boolean;
  queuedAt: string;
  attempts: number;
  /** Why the server refused it for good (it stays visible until discarded). */
  refused?: string;
}

interface PhoneDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { queuedAt: string } };
  /** Small documents the app needs offline (the venue), by name. */
  cache: { key: string; value: unknown };
  /** Count reports and check-ins made on a tally counter or a stand scanner, until the server has them (issue 17). */
  'field-outbox': { key: string; value: FieldItem; indexes: { queuedAt: string } };
  /** A tally counter's taps still within their undo window, before they are sealed into a count report. */
  taps: { key: string; value: Tap };
}

let opening: Promise<IDBPDatabase<PhoneDb>> | undefined;

export type PhoneDatabase = IDBPDatabase<PhoneDb>;

/** The phone's database (IndexedDB through idb): the outboxes, taps, and offline copies (the venue). */
export function phoneDb(): Promise<IDBPDatabase<PhoneDb>> {
  opening ??= openDB<PhoneDb>('fairwatch', 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('queuedAt', 'queuedAt');
        db.createObjectStore('cache');
      }
      if (oldVersion < 2) {
        db.createObjectStore('field-outbox', { keyPath: 'id' }).createIndex('queuedAt', 'queuedAt');
        db.createObjectStore('taps', { keyPath: 'id' });
      }
    },
  });
  return opening;
}

export async function cacheGet<T>(key: string): Promise<T | undefined> {
  return (await (await phoneDb()).get('cache', key)) as T | undefined;
}

export async function cachePut(key: string, value: unknown): Promise<void> {
  await (await phoneDb()).put('cache', value, key);
}
