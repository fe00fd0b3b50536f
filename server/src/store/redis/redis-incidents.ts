import type { Incident, IncidentHistoryEntry } from '@fairwatch/protocol';
import { resolvedAt } from '../../domain/incident-workflow.ts';
import { headOf } from '../../domain/replay.ts';
import type { RedisAccess } from '../redis-access.ts';
import { SCRIPTS } from '../redis-scripts.ts';
import type { CreateOutcome, IncidentRepository, StoredPhoto } from '../store.ts';

/** An incident's state as the scripts compare it: its status and when it was resolved. */
function stateOf(incident: Incident): string {
  return `${incident.status}|${resolvedAt(incident) ?? ''}`;
}

/** Milliseconds of an instant the server wrote (the log id of a write dated by it). */
function msOf(instant: string): string {
  return String(Date.parse(instant));
}

/**
 * Incidents and their photos in Redis: one hash of incidents (JSON), written by scripts that compare
 * and set, append the step to the durable log and publish it (lua/create-incident.lua,
 * lua/replace-incident.lua).
 */
export class RedisIncidents implements IncidentRepository {
  constructor(private readonly access: RedisAccess) {}

  async createIncident(incident: Incident, fingerprint: string): Promise<CreateOutcome> {
    const json = JSON.stringify(incident);
    const existing = await this.access.script<[string, string] | null>(SCRIPTS.createIncident, [JSON.stringify({
      prefix: this.access.prefix, id: incident.id, incident: json, fingerprint, state: stateOf(incident), logMax: this.access.logMax, nowIso: incident.updatedAt, nowMs: msOf(incident.updatedAt),
    })]);
    if (!existing) return { created: true };
    return { created: false, existing: JSON.parse(existing[0]) as Incident, fingerprint: existing[1] };
  }

  async getIncident(id: string): Promise<Incident | null> {
    const json = await this.access.guard(() => this.access.client.hGet(`${this.access.prefix}incidents`, id));
    return json ? (JSON.parse(json) as Incident) : null;
  }

  async replaceIncident(expected: Incident, next: Incident, step: IncidentHistoryEntry): Promise<boolean> {
    const replaced = await this.access.script<number>(SCRIPTS.replaceIncident, [JSON.stringify({
      prefix: this.access.prefix, id: next.id, expected: JSON.stringify(expected), next: JSON.stringify(next), state: stateOf(next), logMax: this.access.logMax,
      nowIso: next.updatedAt, nowMs: msOf(next.updatedAt), head: JSON.stringify(headOf(next)), step: JSON.stringify(step), steps: String(next.history.length),
    })]);
    return replaced === 1;
  }

  async listIncidents(): Promise<Incident[]> {
    const all = await this.access.guard(() => this.access.client.hVals(`${this.access.prefix}incidents`));
    return all.map((json) => JSON.parse(json) as Incident);
  }

  // Photos are kept as "type;base64" in one hash, apart from the incidents that every list reads.
  async putIncidentPhoto(id: string, photo: StoredPhoto): Promise<void> {
    await this.access.guard(() => this.access.client.hSet(`${this.access.prefix}incident-photos`, id, `${photo.type};${photo.data.toString('base64')}`));
  }

  async getIncidentPhoto(id: string): Promise<StoredPhoto | null> {
    const stored = await this.access.guard(() => this.access.client.hGet(`${this.access.prefix}incident-photos`, id));
    if (!stored) return null;
    const separator = stored.indexOf(';');
    return { type: stored.slice(0, separator), data: Buffer.from(stored.slice(separator + 1), 'base64') };
  }
}
