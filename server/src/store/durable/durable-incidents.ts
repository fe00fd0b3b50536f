import type { Database } from 'lmdb';
import type { Incident, IncidentHistoryEntry } from '@fairwatch/protocol';
import { headOf } from '../../domain/replay.ts';
import type { CreateOutcome, IncidentRepository, StoredPhoto } from '../store.ts';
import type { DurableConcern, DurableParts } from './durable-parts.ts';
import type { DurableLog } from './durable-log.ts';
import { RecordKey } from './records.ts';

type StoredIncident = { incident: Incident; fingerprint: string };

/**
 * Incidents (in memory, each rewritten as its `incident:<id>` record when it changes) and their
 * photos (the `photos` database, on disk only: read when asked).
 */
export class DurableIncidents implements IncidentRepository, DurableConcern {
  private incidents = new Map<string, StoredIncident>();

  constructor(
    private readonly parts: DurableParts,
    private readonly log: DurableLog,
    private readonly photos: Database,
  ) {}

  reset(): void {
    this.incidents = new Map();
  }

  restore(kind: string, id: string, value: unknown): boolean {
    if (kind !== 'incident') return false;
    this.incidents.set(id, value as StoredIncident);
    return true;
  }

  /** Every incident as stored (the floor state reads their statuses). */
  current(): Incident[] {
    return [...this.incidents.values()].map(({ incident }) => incident);
  }

  async createIncident(incident: Incident, fingerprint: string): Promise<CreateOutcome> {
    this.parts.writable();
    const existing = this.incidents.get(incident.id);
    if (existing) {
      await this.parts.commit();
      return { created: false, existing: existing.incident, fingerprint: existing.fingerprint };
    }
    const stored = { incident, fingerprint };
    this.incidents.set(incident.id, stored);
    this.parts.writer.put(this.parts.state, RecordKey.incident(incident.id), stored);
    this.log.append({ type: 'incident', atMs: Date.parse(incident.updatedAt), incident });
    await this.parts.commit();
    this.parts.publish({ kind: 'incident', incident });
    return { created: true };
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.incidents.get(id)?.incident ?? null;
  }

  async replaceIncident(expected: Incident, next: Incident, step: IncidentHistoryEntry): Promise<boolean> {
    this.parts.writable();
    const stored = this.incidents.get(expected.id);
    // By value, as Redis compares the stored JSON: a caller may hold a copy (a JSON round trip).
    if (!stored || JSON.stringify(stored.incident) !== JSON.stringify(expected)) return false;
    const replaced = { incident: next, fingerprint: stored.fingerprint };
    this.incidents.set(next.id, replaced);
    this.parts.writer.put(this.parts.state, RecordKey.incident(next.id), replaced);
    this.log.append({ type: 'incident-step', atMs: Date.parse(next.updatedAt), head: headOf(next), step });
    await this.parts.commit();
    this.parts.publish({ kind: 'incident', incident: next });
    return true;
  }

  async listIncidents(): Promise<Incident[]> {
    return this.current();
  }

  async putIncidentPhoto(id: string, photo: StoredPhoto): Promise<void> {
    this.parts.writable();
    this.parts.writer.put(this.photos, id, { type: photo.type, data: Buffer.from(photo.data) });
    await this.parts.commit();
  }

  async getIncidentPhoto(id: string): Promise<StoredPhoto | null> {
    await this.parts.commit();
    const photo = this.photos.get(id) as { type: string; data: Uint8Array } | undefined;
    return photo ? { type: photo.type, data: Buffer.from(photo.data) } : null;
  }
}
