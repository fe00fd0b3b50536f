import { createHash } from 'node:crypto';
import {
  MAX_INCIDENTS_LISTED,
  MAX_LOGGED_AHEAD_MS,
  type ErrorDetail,
  type Incident,
  type IncidentChange,
  type IncidentNote,
  type IncidentPhoto,
  type IncidentQuery,
  type IncidentReopen,
  type IncidentReport,
  type PhotoType,
} from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import type { Credentials } from '../auth/credentials.ts';
import { listedIncident } from '../domain/incident-limits.ts';
import { addNote, assignIncident, attachPhoto } from '../domain/incident-steps.ts';
import { changeIncident, judgeLoggedAt, openIncident, reopenIncident, reportFingerprint, type ChangeOutcome } from '../domain/incident-workflow.ts';
import { checkPhoto } from '../domain/photo-check.ts';
import { ApiError } from '../http/errors.ts';
import { reencodePhoto } from '../photos/reencode-photo.ts';
import type { IncidentRepository, StoredPhoto } from '../store/store.ts';
import { REOPENERS, requireRole, RESPONDERS, type Actor } from './actor.ts';
import type { AuditTrail } from './audit-trail.ts';

/** Tries of a compare-and-set before giving up on a busy incident. */
const MAX_CAS_TRIES = 8;

const newestFirst = (a: Incident, b: Incident) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

export interface IncidentServiceDeps {
  store: IncidentRepository;
  /** The venue served now (issue 16: it changes with each published version). */
  venue: () => Venue;
  credentials: Credentials;
  audit: AuditTrail;
  now: () => Date;
}

/** The outcome of a step: the incident as it is now, and whether this call changed it. */
export interface StepOutcome {
  incident: Incident;
  changed: boolean;
}

/**
 * The incident workflow: reports from the floor, status changes, notes, assignment, photos, reopening.
 * Every step is a pure rule (domain/incident-*.ts) applied by compare-and-set, retried when another
 * instance changed the incident meanwhile; a retry of a step already taken changes nothing, and only
 * real changes are audited.
 */
export class IncidentService {
  constructor(private readonly deps: IncidentServiceDeps) {}

  /** A new incident (`created`), the same one again (a retry from the outbox), or a 409 for another under its id. */
  async report(actor: Actor, report: IncidentReport): Promise<{ incident: Incident; created: boolean }> {
    requireRole(actor, RESPONDERS);
    const { store, audit, now } = this.deps;
    const venue = this.deps.venue();
    const unknown: ErrorDetail[] = [];
    if (report.zone !== undefined && !venue.zones.some((zone) => zone.id === report.zone)) unknown.push({ path: 'zone', message: `unknown zone "${report.zone}"` });
    if (report.stand !== undefined && !venue.stands.some((stand) => stand.id === report.stand)) unknown.push({ path: 'stand', message: `unknown stand "${report.stand}"` });
    if (unknown.length) throw new ApiError('unknown_reference', 'the incident names what the venue does not have', unknown);

    const received = now().toISOString();
    if (judgeLoggedAt(report.loggedAt, received) === 'ahead') {
      throw new ApiError('clock_skew', "the incident is logged in the future; check the phone's clock", [
        { path: 'loggedAt', message: `more than ${MAX_LOGGED_AHEAD_MS / 60_000} minutes ahead of the server's clock` },
      ]);
    }
    const fingerprint = reportFingerprint(report);
    const incident = openIncident(report, actor.username, received);
    const outcome = await store.createIncident(incident, fingerprint);
    if (outcome.created) {
      audit.record(actor, 'incident-logged', { incident: incident.id, severity: incident.severity });
      return { incident, created: true };
    }
    if (outcome.fingerprint === fingerprint) return { incident: outcome.existing, created: false };
    throw new ApiError('conflict', `incident ${report.id} exists with other fields; use a new id`);
  }

  /** PATCH: the contract's status workflow (nothing leaves "resolved" here). */
  async change(actor: Actor, id: string, change: IncidentChange): Promise<Incident> {
    requireRole(actor, RESPONDERS);
    // As the assignment does: only a staff member may be assigned.
    if (change.assignee !== undefined) this.requireStaffMember(change.assignee);
    const { incident, changed } = await this.step(id, (current) => changeIncident(current, change, actor.username, this.deps.now().toISOString()));
    if (changed) {
      this.deps.audit.record(actor, `incident-${change.status}`, { incident: id, ...(change.assignee !== undefined && { assignee: change.assignee }), ...(change.note !== undefined && { note: true }) });
    }
    return incident;
  }

  async reopen(actor: Actor, id: string, reopen: IncidentReopen): Promise<Incident> {
    requireRole(actor, REOPENERS);
    const { incident, changed } = await this.step(id, (current) => reopenIncident(current, reopen, actor.username, this.deps.now().toISOString()));
    if (changed) this.deps.audit.record(actor, 'incident-reopened', { incident: id });
    return incident;
  }

  async addNote(actor: Actor, id: string, note: IncidentNote): Promise<StepOutcome> {
    requireRole(actor, RESPONDERS);
    const outcome = await this.step(id, (current) => addNote(current, note, actor.username, this.deps.now().toISOString()));
    // The note's id, not its text: the audit log says who wrote when; the incident keeps what.
    if (outcome.changed) this.deps.audit.record(actor, 'incident-note', { incident: id, note: note.id });
    return outcome;
  }

  async assign(actor: Actor, id: string, assignee: string | null): Promise<Incident> {
    requireRole(actor, RESPONDERS);
    if (assignee !== null) this.requireStaffMember(assignee);
    const { incident, changed } = await this.step(id, (current) => assignIncident(current, assignee, actor.username, this.deps.now().toISOString()));
    if (changed) this.deps.audit.record(actor, 'incident-assigned', { incident: id, assignee });
    return incident;
  }

  /** Whether an incident exists (a photo upload checks before it reads the body). */
  async exists(id: string): Promise<boolean> {
    return (await this.deps.store.getIncident(id)) !== null;
  }

  /**
   * A photo for an incident, checked by its content and stored decoded and encoded anew (pixels only,
   * photos/reencode-photo.ts). Sending the same image again changes nothing, so a phone may retry freely.
   */
  async attachPhoto(actor: Actor, id: string, claimedType: string, data: Buffer): Promise<Incident> {
    requireRole(actor, RESPONDERS);
    const { store, audit, now } = this.deps;
    const current = await store.getIncident(id);
    if (!current) throw new ApiError('not_found', `no incident ${id}`);
    const verdict = checkPhoto(data, claimedType);
    if (!verdict.ok) {
      if (verdict.reason === 'too_large') throw new ApiError('payload_too_large', verdict.message);
      throw new ApiError('invalid_request', verdict.message, [{ path: '(body)', message: verdict.message }]);
    }
    const reencoded = await reencodePhoto(data, verdict.type);
    if (!reencoded.ok) throw new ApiError('invalid_request', reencoded.message, [{ path: '(body)', message: reencoded.message }]);
    const type: PhotoType = verdict.type;
    const photo: IncidentPhoto = { type, bytes: reencoded.data.length, sha256: createHash('sha256').update(reencoded.data).digest('hex'), at: now().toISOString(), by: actor.username };
    // A retry of the same image stores nothing again.
    if (current.photo?.sha256 !== photo.sha256) await store.putIncidentPhoto(id, { type, data: reencoded.data });
    const { incident, changed } = await this.step(id, (incident) => attachPhoto(incident, photo));
    if (changed) audit.record(actor, 'incident-photo', { incident: id, sha256: photo.sha256, bytes: photo.bytes });
    return incident;
  }

  async photo(id: string): Promise<StoredPhoto> {
    const photo = await this.deps.store.getIncidentPhoto(id);
    if (!photo) throw new ApiError('not_found', `incident ${id} has no photo`);
    return photo;
  }

  /** Newest first, filtered, with long histories shortened (listedIncident). */
  async list(query: IncidentQuery): Promise<Incident[]> {
    const { status, severity, type, zone, assignee, limit = MAX_INCIDENTS_LISTED } = query;
    const matches = (incident: Incident) =>
      (!status || incident.status === status) &&
      (!severity || incident.severity === severity) &&
      (!type || incident.type === type) &&
      (!zone || incident.zone === zone) &&
      (!assignee || incident.assignee === assignee);
    return (await this.deps.store.listIncidents()).filter(matches).sort(newestFirst).slice(0, limit).map(listedIncident);
  }

  /** One incident with its whole history. */
  async get(id: string): Promise<Incident> {
    const incident = await this.deps.store.getIncident(id);
    if (!incident) throw new ApiError('not_found', `no incident ${id}`);
    return incident;
  }

  private requireStaffMember(username: string): void {
    if (this.deps.credentials.roleOf(username) === null) {
      throw new ApiError('unknown_reference', `no staff member "${username}"`, [{ path: 'assignee', message: `unknown staff member "${username}"` }]);
    }
  }

  /**
   * Reads an incident, applies a pure step to it and stores the result only if nobody changed it
   * meanwhile (compare and set), retrying on a race. Unknown id: 404; a refused step: 409.
   */
  private async step(id: string, step: (current: Incident) => ChangeOutcome): Promise<StepOutcome> {
    const { store } = this.deps;
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
      const current = await store.getIncident(id);
      if (!current) throw new ApiError('not_found', `no incident ${id}`);
      const outcome = step(current);
      if (outcome.kind === 'conflict') throw new ApiError(outcome.code ?? 'conflict', outcome.reason);
      if (outcome.kind === 'unchanged') return { incident: outcome.incident, changed: false };
      if (await store.replaceIncident(current, outcome.incident, outcome.incident.history.at(-1)!)) return { incident: outcome.incident, changed: true };
    }
    throw new ApiError('conflict', 'the incident is being changed by others; retry');
  }
}
