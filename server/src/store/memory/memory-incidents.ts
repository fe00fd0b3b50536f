import type { Incident, IncidentHistoryEntry } from '@fairwatch/protocol';
import { headOf } from '../../domain/replay.ts';
import type { LocalChangeBus } from '../local-change-bus.ts';
import type { CreateOutcome, IncidentRepository, StoredPhoto } from '../store.ts';
import type { MemoryLog } from './memory-log.ts';

/** Incidents (with the fingerprint of the report that opened each) and their photos, in memory. */
export class MemoryIncidents implements IncidentRepository {
  private readonly incidents = new Map<string, { incident: Incident; fingerprint: string }>();
  private readonly photos = new Map<string, StoredPhoto>();

  constructor(
    private readonly log: MemoryLog,
    private readonly bus: LocalChangeBus,
  ) {}

  /** Every incident as stored (the floor state reads their statuses). */
  current(): Incident[] {
    return [...this.incidents.values()].map(({ incident }) => incident);
  }

  async createIncident(incident: Incident, fingerprint: string): Promise<CreateOutcome> {
    const existing = this.incidents.get(incident.id);
    if (existing) return { created: false, existing: existing.incident, fingerprint: existing.fingerprint };
    this.incidents.set(incident.id, { incident, fingerprint });
    this.log.append({ type: 'incident', atMs: Date.parse(incident.updatedAt), incident });
    this.bus.publish({ kind: 'incident', incident });
    return { created: true };
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.incidents.get(id)?.incident ?? null;
  }

  async replaceIncident(expected: Incident, next: Incident, step: IncidentHistoryEntry): Promise<boolean> {
    const stored = this.incidents.get(expected.id);
    // By value, as Redis compares the stored JSON: a caller may hold a copy (a JSON round trip).
    if (!stored || JSON.stringify(stored.incident) !== JSON.stringify(expected)) return false;
    this.incidents.set(next.id, { incident: next, fingerprint: stored.fingerprint });
    this.log.append({ type: 'incident-step', atMs: Date.parse(next.updatedAt), head: headOf(next), step });
    this.bus.publish({ kind: 'incident', incident: next });
    return true;
  }

  async listIncidents(): Promise<Incident[]> {
    return this.current();
  }

  async putIncidentPhoto(id: string, photo: StoredPhoto): Promise<void> {
    this.photos.set(id, { type: photo.type, data: Buffer.from(photo.data) });
  }

  async getIncidentPhoto(id: string): Promise<StoredPhoto | null> {
    return this.photos.get(id) ?? null;
  }
}
