import { EventEmitter } from 'node:events';
import type { Alert, Incident, IncidentHistoryEntry, IngestResult } from '@fairwatch/protocol';
import { applyCount, emptyFloorCounters, floorStateFromMemory, loggedCountOf, type ApplyContext, type PreparedCount } from '../domain/floor-counters.ts';
import { RECENT_CHECKIN_WINDOW_MS, type FloorState } from '../domain/floor-state.ts';
import { countCrossings, recentCrossingsOf, type CrossingMinutes } from '../domain/crossing-minutes.ts';
import { applyRecount } from '../domain/recount.ts';
import { headOf, type LogEntry, type LoggedCount } from '../domain/replay.ts';
import { alertChangeOf } from '../domain/zone-alerts.ts';
import type { GateClosure } from '../domain/crowd-safety.ts';
import type { Session } from '../auth/sessions.ts';
import { digestOf } from '../auth/secrets.ts';
import { AUDIT_CAPACITY, type AuditEntry, type CreateOutcome, type PreparedCheckin, type RaiseOutcome, type RecountContext, type RawStats, type Store, type StoreChange, type StoredPhoto } from './store.ts';
import { copyRollup, emptyRollup, rollCheckin, rollCount, type DayRollup } from '../domain/rollups.ts';
import { IdMemory } from './id-memory.ts';
import { StandScans } from '../domain/stand-scans.ts';
import { MemoryVenueRepository } from './memory-venue-repository.ts';
import { MemoryAccountRepository } from './memory-account-repository.ts';

export interface EmbeddedStoreOptions {
  /** How long a report id is remembered for idempotency (default 30 days). */
  idTtlSeconds?: number;
}

/** Most log entries the embedded store keeps for replay (a long fair day of batches). */
const EMBEDDED_LOG_CAPACITY = 500_000;

/**
 * The zero-setup store: everything in this process's memory, for one instance without Redis.
 * It applies the domain rules directly; its figures are lost when the process stops.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded';
  private readonly counters = emptyFloorCounters();
  private readonly seenCounts: IdMemory;
  private readonly seenCheckins: IdMemory;
  /** Per-day and per-hour roll-ups (domain/rollups.ts), and the distinct badges of each day. */
  private readonly rollups = new Map<string, DayRollup>();
  private readonly badges = new Map<string, Set<string>>();
  private readonly standDays = new Map<string, Map<string, number>>();
  private recentCheckins: Array<{ stand: string; atMs: number }> = [];
  private readonly scans = new StandScans();
  private readonly incidents = new Map<string, { incident: Incident; fingerprint: string }>();
  private readonly sessions = new Map<string, Session>();
  private readonly audit: AuditEntry[] = [];
  private readonly photos = new Map<string, StoredPhoto>();
  private readonly bus = new EventEmitter();
  /** The durable log's stand-in: accepted batches and every change, for replay (capped). */
  private readonly log: LogEntry[] = [];
  private readonly alerts = new Map<string, Alert>();
  /** Active alert id per condition key. */
  private readonly gateClosures = new Map<string, GateClosure>();
  /** Crossings per minute of the server clock and gate (issue 18), the last few minutes only. */
  private readonly gateMinutes: CrossingMinutes = new Map();
  private readonly activeAlerts = new Map<string, string>();
  readonly venues = new MemoryVenueRepository((change) => this.publish(change));
  readonly accounts = new MemoryAccountRepository(this.sessions, (change) => this.publish(change));

  constructor(options: EmbeddedStoreOptions = {}) {
    const ttlMs = (options.idTtlSeconds ?? 30 * 24 * 3600) * 1000;
    this.seenCounts = new IdMemory(ttlMs);
    this.seenCheckins = new IdMemory(ttlMs);
  }

  async ingestCounts(batch: PreparedCount[], context: ApplyContext): Promise<IngestResult> {
    let accepted = 0;
    const logged: LoggedCount[] = [];
    for (const report of batch) {
      if (!this.seenCounts.remember(report.id, context.nowMs)) continue;
      const applied = applyCount(this.counters, report, context);
      const { entries, exits, inside, zones } = applied;
      countCrossings(this.gateMinutes, report.gate, applied.in, applied.out, context.nowMs);
      rollCount(this.rollupOf(report.day), { entries, exits, inside, zones, day: report.day, hour: report.hour ?? new Date(report.atMs).getUTCHours(), at: report.at, current: report.day === context.today });
      logged.push(loggedCountOf(report));
      accepted++;
    }
    if (accepted) this.append({ type: 'counts', atMs: context.nowMs, items: logged });
    if (accepted) this.publish({ kind: 'floor' });
    return { accepted, duplicates: batch.length - accepted };
  }

  async ingestCheckins(batch: PreparedCheckin[], context: ApplyContext): Promise<IngestResult> {
    let accepted = 0;
    const logged: Array<{ id: string; stand: string; badge?: string; at: string }> = [];
    for (const checkin of batch) {
      if (!this.seenCheckins.remember(checkin.id, context.nowMs)) continue;
      rollCheckin(this.rollupOf(checkin.day), checkin.stand, checkin.hour ?? new Date(checkin.atMs).getUTCHours());
      if (checkin.badge !== undefined) {
        let badges = this.badges.get(checkin.day);
        if (!badges) this.badges.set(checkin.day, (badges = new Set()));
        badges.add(checkin.badge);
        this.scans.note(checkin.day, checkin.stand, checkin.badge, checkin.atMs);
      }
      logged.push({ id: checkin.id, stand: checkin.stand, at: checkin.at, ...(checkin.badge ? { badge: checkin.badge } : {}) });
      let stands = this.standDays.get(checkin.day);
      if (!stands) this.standDays.set(checkin.day, (stands = new Map()));
      stands.set(checkin.stand, (stands.get(checkin.stand) ?? 0) + 1);
      if (checkin.atMs > context.nowMs - RECENT_CHECKIN_WINDOW_MS) this.recentCheckins.push({ stand: checkin.stand, atMs: checkin.atMs });
      accepted++;
    }
    if (accepted) this.append({ type: 'checkins', atMs: context.nowMs, items: logged });
    if (accepted) this.publish({ kind: 'floor' });
    return { accepted, duplicates: batch.length - accepted };
  }

  async readFloor(day: string, nowMs: number): Promise<FloorState> {
    const since = nowMs - RECENT_CHECKIN_WINDOW_MS;
    this.recentCheckins = this.recentCheckins.filter((checkin) => checkin.atMs > since);
    const incidents = [...this.incidents.values()].map(({ incident }) => incident);
    const floor = floorStateFromMemory({ counters: this.counters, standDays: this.standDays, recentCheckins: this.recentCheckins, incidents, standRepeats: this.scans.repeats }, day);
    return { ...floor, recentCrossings: recentCrossingsOf(this.gateMinutes, nowMs), closedGates: Object.fromEntries([...this.gateClosures].map(([gate, closure]) => [gate, { ...closure }])) };
  }

  async readRollup(day: string): Promise<DayRollup> {
    const rollup = copyRollup(this.rollups.get(day) ?? emptyRollup(day));
    rollup.uniqueVisitors = this.badges.get(day)?.size ?? 0;
    return rollup;
  }

  async listRollupDays(): Promise<string[]> {
    return [...this.rollups.keys()].sort();
  }

  async trimRaw(beforeMs: number, nowMs: number): Promise<RawStats> {
    const keep = this.log.findIndex((entry) => entry.atMs >= beforeMs);
    this.log.splice(0, keep === -1 ? this.log.length : keep);
    this.seenCounts.forgetExpired(nowMs);
    this.seenCheckins.forgetExpired(nowMs);
    return this.rawStats();
  }

  async rawStats(): Promise<RawStats> {
    return { logEntries: this.log.length, ids: this.seenCounts.size + this.seenCheckins.size };
  }

  private rollupOf(day: string): DayRollup {
    let rollup = this.rollups.get(day);
    if (!rollup) this.rollups.set(day, (rollup = emptyRollup(day)));
    return rollup;
  }

  async createIncident(incident: Incident, fingerprint: string): Promise<CreateOutcome> {
    const existing = this.incidents.get(incident.id);
    if (existing) return { created: false, existing: existing.incident, fingerprint: existing.fingerprint };
    this.incidents.set(incident.id, { incident, fingerprint });
    this.append({ type: 'incident', atMs: Date.parse(incident.updatedAt), incident });
    this.publish({ kind: 'incident', incident });
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
    this.append({ type: 'incident-step', atMs: Date.parse(next.updatedAt), head: headOf(next), step });
    this.publish({ kind: 'incident', incident: next });
    return true;
  }

  async listIncidents(): Promise<Incident[]> {
    return [...this.incidents.values()].map(({ incident }) => incident);
  }

  async putIncidentPhoto(id: string, photo: StoredPhoto): Promise<void> {
    this.photos.set(id, { type: photo.type, data: Buffer.from(photo.data) });
  }

  async getIncidentPhoto(id: string): Promise<StoredPhoto | null> {
    return this.photos.get(id) ?? null;
  }

  async saveSession(token: string, session: Session): Promise<void> {
    this.sessions.set(token, session);
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.audit.unshift(entry);
    if (this.audit.length > AUDIT_CAPACITY) this.audit.length = AUDIT_CAPACITY;
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    return this.audit.slice(0, limit);
  }

  async revokeSession(token: string): Promise<void> {
    this.sessions.delete(token);
    this.publish({ kind: 'session-revoked', tokenDigest: digestOf(token) });
  }

  async getSession(token: string): Promise<Session | null> {
    const session = this.sessions.get(token);
    if (session && session.expiresAt <= Date.now()) this.sessions.delete(token);
    return session && session.expiresAt > Date.now() ? session : null;
  }

  async recountZone(zone: string, count: number, context: RecountContext): Promise<{ before: number }> {
    const before = applyRecount(this.counters, zone, count, context);
    this.append({ type: 'recount', atMs: context.nowMs, zone, count });
    this.publish({ kind: 'floor' });
    return { before };
  }

  async setGateClosure(gate: string, closure: GateClosure | null): Promise<void> {
    if (closure) this.gateClosures.set(gate, { ...closure });
    else this.gateClosures.delete(gate);
    this.publish({ kind: 'floor' });
  }

  async raiseAlert(alert: Alert, key: string, nowMs: number): Promise<RaiseOutcome> {
    const activeId = this.activeAlerts.get(key);
    const existing = activeId ? this.alerts.get(activeId) : undefined;
    if (existing) return { raised: false, existing };
    this.alerts.set(alert.id, alert);
    this.activeAlerts.set(key, alert.id);
    this.append({ type: 'alert', atMs: nowMs, alert });
    this.publish({ kind: 'alert', alert, change: 'raised' });
    return { raised: true };
  }

  async replaceAlert(expected: Alert, next: Alert, nowMs: number, releaseKey?: string): Promise<boolean> {
    const stored = this.alerts.get(expected.id);
    if (!stored || JSON.stringify(stored) !== JSON.stringify(expected)) return false;
    this.alerts.set(next.id, next);
    if (releaseKey && this.activeAlerts.get(releaseKey) === next.id) this.activeAlerts.delete(releaseKey);
    this.append({ type: 'alert', atMs: nowMs, alert: next });
    this.publish({ kind: 'alert', alert: next, change: alertChangeOf(expected, next) });
    return true;
  }

  async listAlerts(): Promise<Alert[]> {
    return [...this.alerts.values()];
  }

  async readLog(untilMs: number, sinceMs?: number): Promise<LogEntry[]> {
    const end = this.log.findIndex((entry) => entry.atMs > untilMs);
    const start = sinceMs === undefined ? 0 : this.log.findIndex((entry) => entry.atMs >= sinceMs);
    if (start === -1) return [];
    return this.log.slice(start, end === -1 ? undefined : end);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.bus.on('change', listener);
    return () => this.bus.off('change', listener);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.bus.removeAllListeners();
  }

  private append(entry: LogEntry): void {
    // In order, as Redis keeps its stream: an entry dated before the newest goes right after it.
    const newest = this.log.at(-1);
    if (newest && entry.atMs < newest.atMs) entry = { ...entry, atMs: newest.atMs };
    this.log.push(entry);
    // Trimmed by a tenth at a time: a splice per append would move half a million entries each time.
    if (this.log.length > EMBEDDED_LOG_CAPACITY) this.log.splice(0, this.log.length - EMBEDDED_LOG_CAPACITY * 0.9);
  }

  private publish(change: StoreChange): void {
    // Listeners run after the write's promise settles, as they would with a real bus.
    queueMicrotask(() => this.bus.emit('change', change));
  }
}
