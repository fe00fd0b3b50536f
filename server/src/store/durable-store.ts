import { EventEmitter } from 'node:events';
import type { Database, Key, RootDatabase } from 'lmdb';
import { randomBytes } from 'node:crypto';
import { isRepeatScan, type Alert, type Incident, type IncidentHistoryEntry, type IngestResult } from '@fairwatch/protocol';
import { applyCount, emptyFloorCounters, floorStateFromMemory, loggedCountOf, type ApplyContext, type FloorCounters, type PreparedCount } from '../domain/floor-counters.ts';
import { RECENT_CHECKIN_WINDOW_MS, type FloorState } from '../domain/floor-state.ts';
import { countCrossings, recentCrossingsOf, type CrossingMinutes } from '../domain/crossing-minutes.ts';
import type { GateClosure } from '../domain/crowd-safety.ts';
import { applyRecount } from '../domain/recount.ts';
import { headOf, type LogEntry, type LoggedCount } from '../domain/replay.ts';
import { alertChangeOf } from '../domain/zone-alerts.ts';
import type { Session } from '../auth/sessions.ts';
import { digestOf } from '../auth/secrets.ts';
import { copyRollup, emptyRollup, rollCheckin, rollCount, type DayRollup } from '../domain/rollups.ts';
import { AUDIT_CAPACITY, StoreUnavailableError, type AuditEntry, type CreateOutcome, type PreparedCheckin, type RaiseOutcome, type RecountContext, type RawStats, type Store, type StoreChange, type StoredPhoto } from './store.ts';
import { bucketWidthMs, liveBuckets, bucketOf } from './id-buckets.ts';
import { DataDirError, FORMAT_NAME, FORMAT_VERSION, openEngine, prepareDataDir, type PreparedDataDir } from './durable/data-dir.ts';
import { GroupCommit } from './durable/group-commit.ts';
import { IdFilter } from './durable/id-filter.ts';
import { countersRecord, RecordKey, restoreCounters, type CountersRecord } from './durable/records.ts';
import { DurableAccountRepository, DurableVenueRepository, type DurableParts } from './durable/durable-repositories.ts';

export interface DurableStoreOptions {
  /** DATA_DIR: created on first start. */
  dataDir: string;
  /** How long a report id is remembered for idempotency (default 30 days). */
  idTtlSeconds?: number;
  /**
   * Report ids the in-memory filter is first made for (default about a million: 1.3 MB; it grows by
   * rebuilding when full). Tests make it small to see it rebuilt.
   */
  idFilterCapacity?: number;
  /** Told when a commit failed and the state was reloaded from disk. */
  onError?: (error: unknown) => void;
}

/** Raw material is dropped in transactions of this many keys, so that ingest never waits long behind trimming. */
const TRIM_CHUNK = 5_000;

type IdKind = 'count' | 'checkin';

/**
 * The one-machine store that keeps everything on disk (LMDB, in DATA_DIR). The small state the live
 * figures need (counters, roll-ups, incidents, alerts, sessions) is held in memory and rewritten at
 * each commit; raw material that grows with traffic (the replay log, report ids, badges, recent
 * check-ins, audit entries, photos) stays on disk only, read when asked. Every operation resolves
 * after its writes are synced (see group-commit.ts). It applies the same domain code as the in-memory
 * embedded store, and the same contract suite runs against it.
 */
export class DurableStore implements Store {
  readonly kind = 'embedded';
  private readonly bus = new EventEmitter();
  private readonly writer: GroupCommit;
  private readonly ttlMs: number;
  private readonly widthMs: number;
  private readonly state: Database;
  private readonly log: Database;
  private readonly ids: Database;
  private readonly badges: Database;
  private readonly recent: Database;
  private readonly audit: Database;
  private readonly photos: Database;
  /** When each badge was last scanned at each stand, per day (`[day, stand, badge]`): repeats (issue 17). */
  private readonly scans: Database;
  readonly venues: DurableVenueRepository;
  readonly accounts: DurableAccountRepository;

  // What the live figures need, loaded at start-up (see load()).
  private counters: FloorCounters = emptyFloorCounters();
  private rollups = new Map<string, DayRollup>();
  private badgeCounts = new Map<string, number>();
  private standDays = new Map<string, Map<string, number>>();
  private recentCheckins: Array<{ stand: string; atMs: number }> = [];
  private incidents = new Map<string, { incident: Incident; fingerprint: string }>();
  private sessions = new Map<string, Session>();
  private alerts = new Map<string, Alert>();
  private activeAlerts = new Map<string, string>();
  private standRepeats = new Map<string, Map<string, number>>();
  /** Scan times written by commits not yet on disk (reads must see them), by `day\nstand\nbadge`. */
  private pendingScans = new Map<string, number>();
  private gateClosures = new Map<string, GateClosure>();
  /** Crossings per minute of the server clock and gate (issue 18), the last few minutes only. */
  private gateMinutes: CrossingMinutes = new Map();
  private idFilter: IdFilter;
  private readonly idFilterCapacity: number;
  private logSeq = 0;
  private logNewestMs = -Infinity;
  private auditSeq = 0;
  private closed = false;

  private constructor(
    private readonly root: RootDatabase,
    private readonly dir: PreparedDataDir,
    options: DurableStoreOptions,
  ) {
    this.ttlMs = (options.idTtlSeconds ?? 30 * 24 * 3600) * 1000;
    this.idFilterCapacity = options.idFilterCapacity ?? 1 << 20;
    this.idFilter = new IdFilter(this.idFilterCapacity);
    this.widthMs = bucketWidthMs(this.ttlMs);
    this.state = root.openDB('state', {});
    this.log = root.openDB('log', {});
    this.ids = root.openDB('ids', {});
    this.badges = root.openDB('badges', {});
    this.recent = root.openDB('recent', {});
    this.audit = root.openDB('audit', {});
    this.photos = root.openDB('photos', {});
    this.scans = root.openDB('scans', {});
    this.writer = new GroupCommit(root, (error) => {
      options.onError?.(error);
      // Memory ran ahead of what failed to reach the disk: start again from the disk.
      try {
        this.load();
      } catch (reloadError) {
        options.onError?.(reloadError);
        this.closed = true;
      }
    });
    const parts: DurableParts = {
      writer: this.writer,
      writable: () => this.writable(),
      commit: () => this.commit(),
      publish: (change) => this.publish(change),
    };
    this.venues = new DurableVenueRepository(parts, root.openDB('venues', {}), root.openDB('images', {}), this.state, RecordKey.venueCurrent);
    this.accounts = new DurableAccountRepository(parts, root.openDB('accounts', {}), {
      list: () => [...this.sessions],
      revoke: (digest) => {
        this.sessions.delete(digest);
        this.writer.remove(this.state, RecordKey.session(digest));
      },
    });
  }

  /** Opens (or creates) the store in `dataDir`; throws DataDirError naming the file when it cannot. */
  static async open(options: DurableStoreOptions): Promise<DurableStore> {
    const dir = prepareDataDir(options.dataDir);
    let root: RootDatabase;
    try {
      root = openEngine(dir.file);
    } catch (error) {
      dir.release();
      throw new DataDirError(`${dir.file} cannot be opened: ${(error as Error).message}`);
    }
    try {
      checkFormat(root, dir);
      const store = new DurableStore(root, dir, options);
      store.load();
      return store;
    } catch (error) {
      await root.close();
      dir.release();
      throw error instanceof DataDirError ? error : new DataDirError(`${dir.file} is unreadable: ${(error as Error).message}`);
    }
  }

  /** Loads the in-memory part from disk (start-up, or after a failed commit). */
  private load(): void {
    this.counters = emptyFloorCounters();
    this.rollups = new Map();
    this.badgeCounts = new Map();
    this.standDays = new Map();
    this.incidents = new Map();
    this.sessions = new Map();
    this.alerts = new Map();
    this.activeAlerts = new Map();
    this.standRepeats = new Map();
    this.pendingScans = new Map();
    this.gateClosures = new Map();
    this.gateMinutes = new Map();
    const now = Date.now();
    for (const { key, value } of this.state.getRange({})) {
      const name = String(key);
      const colon = name.indexOf(':');
      const kind = colon === -1 ? name : name.slice(0, colon);
      const rest = name.slice(colon + 1);
      try {
        switch (kind) {
          case 'format':
            break;
          case 'counters':
            this.counters = restoreCounters(value as CountersRecord);
            break;
          case 'rollup':
            this.rollups.set(rest, value as DayRollup);
            break;
          case 'stands':
            this.standDays.set(rest, new Map(value as Array<[string, number]>));
            break;
          case 'badges':
            this.badgeCounts.set(rest, value as number);
            break;
          case 'incident':
            this.incidents.set(rest, value as { incident: Incident; fingerprint: string });
            break;
          case 'alert':
            this.alerts.set(rest, value as Alert);
            break;
          case 'active':
            this.activeAlerts.set(rest, value as string);
            break;
          case 'session':
            if ((value as Session).expiresAt > now) this.sessions.set(rest, value as Session);
            break;
          case 'repeats':
            this.standRepeats.set(rest, new Map(value as Array<[string, number]>));
            break;
          case 'closure':
            this.gateClosures.set(rest, value as GateClosure);
            break;
          case 'crossings':
            this.gateMinutes = new Map((value as Array<[number, Array<[string, { in: number; out: number }]>]>).map(([minute, gates]) => [minute, new Map(gates)]));
            break;
          case 'secret':
          case 'venue-current':
            break;
          default:
            throw new Error('a record this version does not know');
        }
      } catch (error) {
        throw new DataDirError(`${this.dir.file}: record "${name}" is unreadable (${(error as Error).message}); restore a backup or move the directory away`);
      }
    }
    this.rebuildIdFilter();
    this.recentCheckins = [...this.recent.getRange({})].map(({ key, value }) => ({ stand: value as string, atMs: (key as [number, string])[0] }));
    const newestLog = [...this.log.getKeys({ reverse: true, limit: 1 })][0] as [number, number] | undefined;
    this.logNewestMs = newestLog?.[0] ?? -Infinity;
    this.logSeq = (newestLog?.[1] ?? 0) + 1;
    this.auditSeq = (([...this.audit.getKeys({ reverse: true, limit: 1 })][0] as number | undefined) ?? 0) + 1;
    this.venues?.reload();
  }

  private async commit(): Promise<void> {
    try {
      await this.writer.settled();
    } catch (error) {
      throw new StoreUnavailableError(error);
    }
  }

  private writable(): void {
    if (this.closed) throw new StoreUnavailableError(new Error('the durable store is closed'));
  }

  /**
   * The filter made anew from the ids on disk and those on their way there (start-up, ids forgotten,
   * or the filter full: then twice as large, so that rebuilding stays rare as the ids grow).
   */
  private rebuildIdFilter(): void {
    const pending = [...this.writer.pendingMarks()];
    const filter = new IdFilter(Math.max(2 * (entryCount(this.ids) + pending.length), 2 * this.idFilter.count, this.idFilterCapacity));
    for (const key of this.ids.getKeys({})) {
      const [, kind, id] = key as [number, IdKind, string];
      filter.add(`${kind}\n${id}`);
    }
    for (const mark of pending) filter.add(mark);
    this.idFilter = filter;
  }

  /** Remembers a report id unless it is remembered (on disk, or in a commit on its way there). */
  private rememberId(kind: IdKind, id: string, nowMs: number): boolean {
    const mark = `${kind}\n${id}`;
    if (this.writer.marked(mark)) return false;
    // Most ids are new: the filter says so without a disk lookup per live bucket.
    if (this.idFilter.mightHave(mark)) {
      for (const bucket of liveBuckets(nowMs, this.widthMs, this.ttlMs)) {
        if (this.ids.doesExist([bucket, kind, id])) return false;
      }
    }
    // Rebuilt before this id goes in: the rebuild reads the disk and the marks, and this one is neither yet.
    if (this.idFilter.full) this.rebuildIdFilter();
    this.idFilter.add(mark);
    this.writer.mark(mark);
    this.writer.put(this.ids, [bucketOf(nowMs, this.widthMs), kind, id], true);
    return true;
  }

  async ingestCounts(batch: PreparedCount[], context: ApplyContext): Promise<IngestResult> {
    this.writable();
    let accepted = 0;
    const logged: LoggedCount[] = [];
    const days = new Set<string>();
    for (const report of batch) {
      if (!this.rememberId('count', report.id, context.nowMs)) continue;
      const applied = applyCount(this.counters, report, context);
      const { entries, exits, inside, zones } = applied;
      countCrossings(this.gateMinutes, report.gate, applied.in, applied.out, context.nowMs);
      rollCount(this.rollupOf(report.day), { entries, exits, inside, zones, day: report.day, hour: report.hour ?? new Date(report.atMs).getUTCHours(), at: report.at, current: report.day === context.today });
      days.add(report.day);
      logged.push(loggedCountOf(report));
      accepted++;
    }
    if (accepted) {
      this.recordCounters();
      this.writer.record(this.state, RecordKey.crossings, () => [...this.gateMinutes].map(([minute, gates]) => [minute, [...gates].map(([gate, counted]) => [gate, { ...counted }])]));
      for (const day of days) this.recordRollup(day);
      this.append({ type: 'counts', atMs: context.nowMs, items: logged });
    }
    await this.commit();
    if (accepted) this.publish({ kind: 'floor' });
    return { accepted, duplicates: batch.length - accepted };
  }

  async ingestCheckins(batch: PreparedCheckin[], context: ApplyContext): Promise<IngestResult> {
    this.writable();
    let accepted = 0;
    const logged: Array<{ id: string; stand: string; badge?: string; at: string }> = [];
    const days = new Set<string>();
    const repeatDays = new Set<string>();
    for (const checkin of batch) {
      if (!this.rememberId('checkin', checkin.id, context.nowMs)) continue;
      rollCheckin(this.rollupOf(checkin.day), checkin.stand, checkin.hour ?? new Date(checkin.atMs).getUTCHours());
      days.add(checkin.day);
      if (checkin.badge !== undefined) {
        this.addBadge(checkin.day, checkin.badge);
        if (this.noteScan(checkin.day, checkin.stand, checkin.badge, checkin.atMs)) repeatDays.add(checkin.day);
      }
      logged.push({ id: checkin.id, stand: checkin.stand, at: checkin.at, ...(checkin.badge ? { badge: checkin.badge } : {}) });
      let stands = this.standDays.get(checkin.day);
      if (!stands) this.standDays.set(checkin.day, (stands = new Map()));
      stands.set(checkin.stand, (stands.get(checkin.stand) ?? 0) + 1);
      if (checkin.atMs > context.nowMs - RECENT_CHECKIN_WINDOW_MS) {
        this.recentCheckins.push({ stand: checkin.stand, atMs: checkin.atMs });
        this.writer.put(this.recent, [checkin.atMs, checkin.id], checkin.stand);
      }
      accepted++;
    }
    if (accepted) {
      for (const day of days) {
        this.recordRollup(day);
        const stands = this.standDays.get(day)!;
        this.writer.record(this.state, RecordKey.stands(day), () => [...stands]);
      }
      for (const day of repeatDays) this.writer.record(this.state, RecordKey.repeats(day), () => [...(this.standRepeats.get(day) ?? [])]);
      this.append({ type: 'checkins', atMs: context.nowMs, items: logged });
    }
    const scansWritten = [...this.pendingScans];
    try {
      await this.commit();
    } finally {
      // On disk now (or reloaded from it): reads go to the disk again, unless a later batch wrote since.
      for (const [key, atMs] of scansWritten) if (this.pendingScans.get(key) === atMs) this.pendingScans.delete(key);
    }
    if (accepted) this.publish({ kind: 'floor' });
    return { accepted, duplicates: batch.length - accepted };
  }

  /** Notes a badge scanned at a stand (the rule of domain/stand-scans.ts, sightings on disk); true for a repeat. */
  private noteScan(day: string, stand: string, badge: string, atMs: number): boolean {
    const pendingKey = `${day}\n${stand}\n${badge}`;
    const last = this.pendingScans.get(pendingKey) ?? (this.scans.get([day, stand, badge]) as number | undefined);
    if (last === undefined || atMs > last) {
      this.pendingScans.set(pendingKey, atMs);
      this.writer.put(this.scans, [day, stand, badge], atMs);
    }
    if (!isRepeatScan(last, atMs)) return false;
    let repeats = this.standRepeats.get(day);
    if (!repeats) this.standRepeats.set(day, (repeats = new Map()));
    repeats.set(stand, (repeats.get(stand) ?? 0) + 1);
    return true;
  }

  /** Distinct badges per day: the set on disk, its size in memory. */
  private addBadge(day: string, badge: string): void {
    const mark = `badge\n${day}\n${badge}`;
    if (this.writer.marked(mark) || this.badges.doesExist([day, badge])) return;
    this.writer.mark(mark);
    this.writer.put(this.badges, [day, badge], true);
    this.badgeCounts.set(day, (this.badgeCounts.get(day) ?? 0) + 1);
    this.writer.record(this.state, RecordKey.badgeCount(day), () => this.badgeCounts.get(day) ?? 0);
  }

  async readFloor(day: string, nowMs: number): Promise<FloorState> {
    const since = nowMs - RECENT_CHECKIN_WINDOW_MS;
    this.recentCheckins = this.recentCheckins.filter((checkin) => checkin.atMs > since);
    const incidents = [...this.incidents.values()].map(({ incident }) => incident);
    const floor = floorStateFromMemory({ counters: this.counters, standDays: this.standDays, recentCheckins: this.recentCheckins, incidents, standRepeats: this.standRepeats }, day);
    return { ...floor, recentCrossings: recentCrossingsOf(this.gateMinutes, nowMs), closedGates: Object.fromEntries([...this.gateClosures].map(([gate, closure]) => [gate, { ...closure }])) };
  }

  async readRollup(day: string): Promise<DayRollup> {
    const rollup = copyRollup(this.rollups.get(day) ?? emptyRollup(day));
    rollup.uniqueVisitors = this.badgeCounts.get(day) ?? 0;
    return rollup;
  }

  async listRollupDays(): Promise<string[]> {
    return [...this.rollups.keys()].sort();
  }

  async trimRaw(beforeMs: number, nowMs: number): Promise<RawStats> {
    this.writable();
    const oldestLiveBucket = liveBuckets(nowMs, this.widthMs, this.ttlMs).at(-1) ?? bucketOf(nowMs, this.widthMs);
    const recentSince = nowMs - RECENT_CHECKIN_WINDOW_MS;
    // Memory keeps its recent check-ins (readFloor drops them by its own instant): trimming changes no figure.
    await this.removeRange(this.log, [beforeMs]);
    if (await this.removeRange(this.ids, [oldestLiveBucket])) this.rebuildIdFilter();
    await this.removeRange(this.recent, [recentSince + 1]);
    // Badge sightings of the newest two days with check-ins are kept (a repeat needs the same day).
    const keptDays = [...this.standDays.keys()].sort().slice(-2);
    if (keptDays.length) await this.removeRange(this.scans, [keptDays[0]!]);
    return this.rawStats();
  }

  /** Removes the keys below `end`, a chunk per commit; true when there were any. */
  private async removeRange(db: Database, end: Key[]): Promise<boolean> {
    let removed = false;
    for (;;) {
      await this.commit();
      const keys = [...db.getKeys({ end, limit: TRIM_CHUNK })];
      if (!keys.length) return removed;
      for (const key of keys) this.writer.remove(db, key);
      removed = true;
    }
  }

  async rawStats(): Promise<RawStats> {
    await this.commit();
    return { logEntries: entryCount(this.log), ids: entryCount(this.ids) };
  }

  private rollupOf(day: string): DayRollup {
    let rollup = this.rollups.get(day);
    if (!rollup) this.rollups.set(day, (rollup = emptyRollup(day)));
    return rollup;
  }

  private recordCounters(): void {
    this.writer.record(this.state, RecordKey.counters, () => countersRecord(this.counters));
  }

  private recordRollup(day: string): void {
    this.writer.record(this.state, RecordKey.rollup(day), () => copyRollup(this.rollups.get(day)!));
  }

  async createIncident(incident: Incident, fingerprint: string): Promise<CreateOutcome> {
    this.writable();
    const existing = this.incidents.get(incident.id);
    if (existing) {
      await this.commit();
      return { created: false, existing: existing.incident, fingerprint: existing.fingerprint };
    }
    const stored = { incident, fingerprint };
    this.incidents.set(incident.id, stored);
    this.writer.put(this.state, RecordKey.incident(incident.id), stored);
    this.append({ type: 'incident', atMs: Date.parse(incident.updatedAt), incident });
    await this.commit();
    this.publish({ kind: 'incident', incident });
    return { created: true };
  }

  async getIncident(id: string): Promise<Incident | null> {
    return this.incidents.get(id)?.incident ?? null;
  }

  async replaceIncident(expected: Incident, next: Incident, step: IncidentHistoryEntry): Promise<boolean> {
    this.writable();
    const stored = this.incidents.get(expected.id);
    // By value, as Redis compares the stored JSON: a caller may hold a copy (a JSON round trip).
    if (!stored || JSON.stringify(stored.incident) !== JSON.stringify(expected)) return false;
    const replaced = { incident: next, fingerprint: stored.fingerprint };
    this.incidents.set(next.id, replaced);
    this.writer.put(this.state, RecordKey.incident(next.id), replaced);
    this.append({ type: 'incident-step', atMs: Date.parse(next.updatedAt), head: headOf(next), step });
    await this.commit();
    this.publish({ kind: 'incident', incident: next });
    return true;
  }

  async listIncidents(): Promise<Incident[]> {
    return [...this.incidents.values()].map(({ incident }) => incident);
  }

  async putIncidentPhoto(id: string, photo: StoredPhoto): Promise<void> {
    this.writable();
    this.writer.put(this.photos, id, { type: photo.type, data: Buffer.from(photo.data) });
    await this.commit();
  }

  async getIncidentPhoto(id: string): Promise<StoredPhoto | null> {
    await this.commit();
    const photo = this.photos.get(id) as { type: string; data: Uint8Array } | undefined;
    return photo ? { type: photo.type, data: Buffer.from(photo.data) } : null;
  }

  async saveSession(token: string, session: Session): Promise<void> {
    this.writable();
    // Kept under the token's digest: a copy of the data directory holds no usable token.
    const digest = digestOf(token);
    this.sessions.set(digest, session);
    this.writer.put(this.state, RecordKey.session(digest), session);
    await this.commit();
  }

  async getSession(token: string): Promise<Session | null> {
    const digest = digestOf(token);
    const session = this.sessions.get(digest);
    if (!session) return null;
    if (session.expiresAt > Date.now()) return session;
    this.sessions.delete(digest);
    if (!this.closed) this.writer.remove(this.state, RecordKey.session(digest));
    return null;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.writable();
    const seq = this.auditSeq++;
    this.writer.put(this.audit, seq, entry);
    // The oldest entry beyond the capacity goes in the same commit.
    if (seq > AUDIT_CAPACITY) this.writer.remove(this.audit, seq - AUDIT_CAPACITY);
    await this.commit();
  }

  async listAudit(limit: number): Promise<AuditEntry[]> {
    await this.commit();
    return [...this.audit.getRange({ reverse: true, limit: Math.min(limit, AUDIT_CAPACITY) })].map(({ value }) => value as AuditEntry);
  }

  async revokeSession(token: string): Promise<void> {
    this.writable();
    const digest = digestOf(token);
    this.sessions.delete(digest);
    this.writer.remove(this.state, RecordKey.session(digest));
    await this.commit();
    this.publish({ kind: 'session-revoked', tokenDigest: digest });
  }

  async recountZone(zone: string, count: number, context: RecountContext): Promise<{ before: number }> {
    this.writable();
    const before = applyRecount(this.counters, zone, count, context);
    this.recordCounters();
    this.append({ type: 'recount', atMs: context.nowMs, zone, count });
    await this.commit();
    this.publish({ kind: 'floor' });
    return { before };
  }

  async setGateClosure(gate: string, closure: GateClosure | null): Promise<void> {
    this.writable();
    if (closure) {
      this.gateClosures.set(gate, { ...closure });
      this.writer.put(this.state, RecordKey.closure(gate), { ...closure });
    } else {
      this.gateClosures.delete(gate);
      this.writer.remove(this.state, RecordKey.closure(gate));
    }
    await this.commit();
    this.publish({ kind: 'floor' });
  }

  /**
   * A secret kept in the data directory, made on first use: the sessions' key when SESSION_SECRET is
   * unset, so that a restart does not sign every screen out. A backup holds it, as it holds the sessions.
   */
  async persistentSecret(name: string): Promise<string> {
    this.writable();
    const key = RecordKey.secret(name);
    const existing = this.state.get(key) as string | undefined;
    if (existing) return existing;
    const made = randomBytes(32).toString('base64url');
    this.writer.put(this.state, key, made);
    await this.commit();
    return made;
  }

  async raiseAlert(alert: Alert, key: string, nowMs: number): Promise<RaiseOutcome> {
    this.writable();
    const activeId = this.activeAlerts.get(key);
    const existing = activeId ? this.alerts.get(activeId) : undefined;
    if (existing) {
      await this.commit();
      return { raised: false, existing };
    }
    this.alerts.set(alert.id, alert);
    this.activeAlerts.set(key, alert.id);
    this.writer.put(this.state, RecordKey.alert(alert.id), alert);
    this.writer.put(this.state, RecordKey.activeAlert(key), alert.id);
    this.append({ type: 'alert', atMs: nowMs, alert });
    await this.commit();
    this.publish({ kind: 'alert', alert, change: 'raised' });
    return { raised: true };
  }

  async replaceAlert(expected: Alert, next: Alert, nowMs: number, releaseKey?: string): Promise<boolean> {
    this.writable();
    const stored = this.alerts.get(expected.id);
    if (!stored || JSON.stringify(stored) !== JSON.stringify(expected)) return false;
    this.alerts.set(next.id, next);
    this.writer.put(this.state, RecordKey.alert(next.id), next);
    if (releaseKey && this.activeAlerts.get(releaseKey) === next.id) {
      this.activeAlerts.delete(releaseKey);
      this.writer.remove(this.state, RecordKey.activeAlert(releaseKey));
    }
    this.append({ type: 'alert', atMs: nowMs, alert: next });
    await this.commit();
    this.publish({ kind: 'alert', alert: next, change: alertChangeOf(expected, next) });
    return true;
  }

  async listAlerts(): Promise<Alert[]> {
    return [...this.alerts.values()];
  }

  async readLog(untilMs: number, sinceMs?: number): Promise<LogEntry[]> {
    await this.commit();
    return [...this.log.getRange({ ...(sinceMs !== undefined && { start: [sinceMs] }), end: [untilMs, Number.MAX_SAFE_INTEGER] })].map(({ key, value }) => ({ ...(value as Omit<LogEntry, 'atMs'>), atMs: (key as [number, number])[0] }) as LogEntry);
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.bus.on('change', listener);
    return () => this.bus.off('change', listener);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError(new Error('the durable store is closed'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // What was answered is already on disk; what is queued (an expired session's removal) goes too.
    await this.writer.settled().catch(() => {});
    this.closed = true;
    this.bus.removeAllListeners();
    await this.root.close();
    this.dir.release();
  }

  private append(entry: LogEntry): void {
    // In order, as Redis keeps its stream: an entry dated before the newest goes right after it.
    const atMs = Math.max(entry.atMs, this.logNewestMs);
    this.logNewestMs = atMs;
    const { atMs: _dated, ...body } = entry;
    this.writer.put(this.log, [atMs, this.logSeq++], body);
  }

  private publish(change: StoreChange): void {
    // Listeners run after the write's promise settles, as they would with a real bus.
    queueMicrotask(() => this.bus.emit('change', change));
  }
}

function entryCount(db: Database): number {
  return (db.getStats() as { entryCount: number }).entryCount;
}

/** A new file gets the format record; an existing one must carry FairWatch's, in a version this code reads. */
function checkFormat(root: RootDatabase, dir: PreparedDataDir): void {
  const names = [...root.getKeys({})].map(String);
  if (!dir.fresh && !names.includes('state')) {
    throw new DataDirError(`${dir.file} is an LMDB file but not FairWatch's (no "state" database; it holds ${names.slice(0, 5).join(', ') || 'nothing'}): refusing to use it`);
  }
  const state = root.openDB('state', {});
  const format = state.get(RecordKey.format) as { name?: string; version?: number } | undefined;
  if (!format) {
    if (!dir.fresh && state.getKeysCount() > 0) throw new DataDirError(`${dir.file} has no format record: not written by FairWatch, or damaged; refusing to use it`);
    state.putSync(RecordKey.format, { name: FORMAT_NAME, version: FORMAT_VERSION, createdAt: new Date().toISOString() });
    return;
  }
  if (format.name !== FORMAT_NAME) throw new DataDirError(`${dir.file} holds data of another program (${String(format.name)}): refusing to use it`);
  if (format.version !== FORMAT_VERSION) {
    // No earlier format exists yet; a later version adds its migrations here, oldest first.
    throw new DataDirError(
      (format.version ?? 0) > FORMAT_VERSION
        ? `${dir.file} was written by a newer FairWatch (data format ${format.version}; this one reads ${FORMAT_VERSION}): upgrade FairWatch or restore a backup made by this version`
        : `${dir.file} has data format ${format.version}, which this FairWatch cannot migrate (it reads ${FORMAT_VERSION})`,
    );
  }
}
