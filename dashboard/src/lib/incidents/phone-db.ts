import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { IncidentReport } from '@fairwatch/protocol';

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
}

let opening: Promise<IDBPDatabase<PhoneDb>> | undefined;

/** The phone's database (IndexedDB through idb): the outbox and an offline copy of the venue. */
export function phoneDb(): Promise<IDBPDatabase<PhoneDb>> {
  opening ??= openDB<PhoneDb>('fairwatch', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('queuedAt', 'queuedAt');
      db.createObjectStore('cache');
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
