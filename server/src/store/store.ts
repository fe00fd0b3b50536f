import type { Alert, Incident, IncidentHistoryEntry, IngestResult } from '@fairwatch/protocol';
import type { ApplyContext, PreparedCount, PreparedCheckin, RecountContext } from '../domain/writes.ts';

export type { PreparedCheckin, RecountContext } from '../domain/writes.ts';
import type { FloorState } from '../domain/floor-state.ts';
import type { LogEntry } from '../domain/replay.ts';
import type { Session } from '../auth/sessions.ts';
import type { DayRollup } from '../domain/rollups.ts';
import type { GateClosure } from '../domain/crowd-safety.ts';
import type { VenueRepository } from './venue-repository.ts';
import type { AccountRepository } from './account-repository.ts';

/** One staff action: who did what, when, from where. */
export interface AuditEntry {
  at: string;
  by: string;
  action: string;
  ip?: string;
  [detail: string]: unknown;
}

/** Most audit entries kept. */
export const AUDIT_CAPACITY = 10_000;


/** How much raw material (log entries, remembered report ids) a store holds: what trimming bounds. */
export interface RawStats {
  /** Entries in the durable log (the Redis `{fw}:log` stream, or the embedded store's in-memory log). */
  logEntries: number;
  /** Report ids remembered for idempotency (counts and check-ins). */
  ids: number;
}

/** What one instance tells the others through the store's bus. */
export type StoreChange =
  | { kind: 'floor' }
  | { kind: 'incident'; incident: Incident }
  /** A staff member signed out: every instance forgets the session and closes its sockets. */
  | { kind: 'session-revoked'; tokenDigest: string }
  /** A crowd-safety alert was raised or changed (issue 3). */
  | { kind: 'alert'; alert: Alert; change: 'raised' | 'acknowledged' | 'cleared' | 'updated' }
  /** A venue version was published (issue 16): every instance applies it at once. */
  | { kind: 'venue'; version: number }
  /** A staff account or device key was added, changed or removed (issue 16): every instance re-reads them. */
  | { kind: 'accounts' };


export type RaiseOutcome = { raised: true } | { raised: false; existing: Alert };

/** An incident's photo as stored (an extension: apart from the incident, which only describes it). */
export interface StoredPhoto {
  type: string;
  data: Buffer;
}

export type CreateOutcome = { created: true } | { created: false; existing: Incident; fingerprint: string };

/** The running figures of the floor and its roll-ups: reports in, floor and days out (issue 12: one concern per repository). */
export interface FloorRepository {
  ingestCounts(batch: PreparedCount[], context: ApplyContext): Promise<IngestResult>;
  ingestCheckins(batch: PreparedCheckin[], context: ApplyContext): Promise<IngestResult>;
  readFloor(day: string, nowMs: number): Promise<FloorState>;
  /** The roll-up of a venue day (hours in venue time); an empty one when nothing happened that day. */
  readRollup(day: string): Promise<DayRollup>;
  /** Venue days that have a roll-up, oldest first. */
  listRollupDays(): Promise<string[]>;
  /**
   * Drops raw reports: log entries older than `beforeMs` and the report ids whose idempotency TTL is
   * over at `nowMs` (the server's clock; Redis also expires them by its own). Figures and roll-ups
   * never read raw reports, so none changes.
   */
  trimRaw(beforeMs: number, nowMs: number): Promise<RawStats>;
  rawStats(): Promise<RawStats>;
  /** Sets a zone's occupancy to a head count (forgetting its drift), logged and published. Returns the occupancy before. */
  recountZone(zone: string, count: number, context: RecountContext): Promise<{ before: number }>;
  /**
   * Marks a gate closed for real (issue 18) or reopens it (`closure` null), and publishes a floor
   * change; `readFloor` returns the closed gates in `closedGates` until they are reopened.
   */
  setGateClosure(gate: string, closure: GateClosure | null): Promise<void>;
}

/** Incidents and their photos. */
export interface IncidentRepository {
  /** Stores a new incident unless its id exists; then returns the existing one and its report's fingerprint. */
  createIncident(incident: Incident, fingerprint: string): Promise<CreateOutcome>;
  getIncident(id: string): Promise<Incident | null>;
  /**
   * Replaces `expected` by `next` only if nobody changed it meanwhile (compare and set). `next` is
   * `expected` with one more step, `step` (the last of `next.history`): the durable log and the bus
   * carry that step and the incident's other fields, never the whole history again, so an incident's
   * log grows by the size of a step per step (linear, not quadratic).
   */
  replaceIncident(expected: Incident, next: Incident, step: IncidentHistoryEntry): Promise<boolean>;
  listIncidents(): Promise<Incident[]>;
  /** Stores (or replaces) the photo of an incident. */
  putIncidentPhoto(id: string, photo: StoredPhoto): Promise<void>;
  getIncidentPhoto(id: string): Promise<StoredPhoto | null>;
}

/** Staff sessions and the audit log of staff actions. */
export interface SessionRepository {
  saveSession(token: string, session: Session): Promise<void>;
  getSession(token: string): Promise<Session | null>;
  /** Deletes a session and tells every instance (sign-out). */
  revokeSession(token: string): Promise<void>;
  /** Appends to the audit log of staff actions (capped) and reads its newest entries. */
  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(limit: number): Promise<AuditEntry[]>;
}

/** Crowd-safety alerts, one active per condition. */
export interface AlertRepository {
  /** Stores a new alert unless an alert is already active under `key` (one per condition); then returns that one. */
  raiseAlert(alert: Alert, key: string, nowMs: number): Promise<RaiseOutcome>;
  /**
   * Replaces `expected` by `next` only if nobody changed it meanwhile; `releaseKey` ends the active
   * condition. `nowMs` (server clock) dates the log entry, as it does for every write.
   */
  replaceAlert(expected: Alert, next: Alert, nowMs: number, releaseKey?: string): Promise<boolean>;
  listAlerts(): Promise<Alert[]>;
}

/** The durable log every write appends to (replay, the day's charts). */
export interface LogRepository {
  /**
   * The durable log, oldest first, up to the server time `untilMs` (replay and the day's charts);
   * with `sinceMs`, only entries dated at or after it (a reader catching up on what it has not read:
   * entries are appended in time order, so none can appear later before the newest one read).
   */
  readLog(untilMs: number, sinceMs?: number): Promise<LogEntry[]>;
}

/** What one instance tells the others (and itself). */
export interface ChangeBus {
  /** Calls `listener` for every change made by any instance (this one included). */
  onChange(listener: (change: StoreChange) => void): () => void;
}

/**
 * What every store implements, one repository per concern: Redis (shared by every instance), the
 * durable embedded store (LMDB in DATA_DIR, one machine) and the in-memory one (tests). Services take
 * only the repositories they use (services/). Writes are atomic: a batch is applied whole or not at all, and a
 * resolved promise means the data is stored. A store that cannot take writes rejects with
 * StoreUnavailableError.
 */
export interface Store extends FloorRepository, IncidentRepository, SessionRepository, AlertRepository, LogRepository, ChangeBus {
  readonly kind: 'redis' | 'embedded';
  /** Venue versions and floor-plan images (issue 16). */
  readonly venues: VenueRepository;
  /** Staff accounts, device keys, the sessions list (issue 16). */
  readonly accounts: AccountRepository;
  /** Rejects when the store cannot serve. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The store cannot take writes now: answered 503 with Retry-After; nothing was applied. */
export class StoreUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('the store is unavailable', { cause });
    this.name = 'StoreUnavailableError';
  }
}
