import type { Database, RootDatabase } from 'lmdb';
import { StoreUnavailableError, type AlertRepository, type FloorRepository, type IncidentRepository, type LogRepository, type SessionRepository, type Store } from './store.ts';
import { LocalChangeBus } from './local-change-bus.ts';
import { checkFormat, DataDirError, openEngine, prepareDataDir, type PreparedDataDir } from './durable/data-dir.ts';
import { GroupCommit } from './durable/group-commit.ts';
import { RecordKey } from './durable/records.ts';
import type { DurableConcern, DurableParts } from './durable/durable-parts.ts';
import { DurableFloor } from './durable/durable-floor.ts';
import { DurableIncidents } from './durable/durable-incidents.ts';
import { DurableSessions } from './durable/durable-sessions.ts';
import { DurableAlerts } from './durable/durable-alerts.ts';
import { DurableLog } from './durable/durable-log.ts';
import { DurableAccountRepository, DurableVenueRepository } from './durable/durable-repositories.ts';

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

/** `state` records no concern loads: the format (checked at open) and the venue number (the venue repository reads it). */
const UNLOADED_RECORDS = new Set(['format', 'venue-current']);

/**
 * The one-machine store that keeps everything on disk (LMDB, in DATA_DIR). The small state the live
 * figures need (counters, roll-ups, incidents, alerts, sessions) is held in memory and rewritten at
 * each commit; raw material that grows with traffic (the replay log, report ids, badges, recent
 * check-ins, audit entries, photos) stays on disk only, read when asked. Every operation resolves
 * after its writes are synced (see durable/group-commit.ts). It applies the same domain code as the
 * in-memory embedded store, and the same contract suites run against it.
 *
 * One module per concern (durable/): floor and roll-ups, incidents and photos, sessions and audit,
 * alerts, the log; this class opens the file, lends them its group commit and bus, loads them, and
 * answers for them as the Store interface asks.
 */
export class DurableStore implements Store {
  readonly kind = 'embedded';
  private readonly bus = new LocalChangeBus();
  private readonly writer: GroupCommit;
  private readonly state: Database;
  private readonly floor: DurableFloor;
  private readonly incidents: DurableIncidents;
  private readonly sessions: DurableSessions;
  private readonly alerts: DurableAlerts;
  private readonly log: DurableLog;
  /** Loaded from the `state` records, in this order. */
  private readonly concerns: DurableConcern[];
  readonly venues: DurableVenueRepository;
  readonly accounts: DurableAccountRepository;
  private closed = false;

  private constructor(
    private readonly root: RootDatabase,
    private readonly dir: PreparedDataDir,
    options: DurableStoreOptions,
  ) {
    const state = (this.state = root.openDB('state', {}));
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
      state,
      writable: () => this.writable(),
      closed: () => this.closed,
      commit: () => this.commit(),
      publish: (change) => this.bus.publish(change),
    };
    this.log = new DurableLog(parts, root.openDB('log', {}));
    this.incidents = new DurableIncidents(parts, this.log, root.openDB('photos', {}));
    this.floor = new DurableFloor(
      parts,
      this.log,
      { ids: root.openDB('ids', {}), badges: root.openDB('badges', {}), recent: root.openDB('recent', {}), scans: root.openDB('scans', {}) },
      () => this.incidents.current(),
      { idTtlMs: (options.idTtlSeconds ?? 30 * 24 * 3600) * 1000, idFilterCapacity: options.idFilterCapacity ?? 1 << 20 },
    );
    this.sessions = new DurableSessions(parts, root.openDB('audit', {}));
    this.alerts = new DurableAlerts(parts, this.log);
    this.concerns = [this.floor, this.incidents, this.alerts, this.sessions];
    this.venues = new DurableVenueRepository(parts, root.openDB('venues', {}), root.openDB('images', {}), state, RecordKey.venueCurrent);
    this.accounts = new DurableAccountRepository(parts, root.openDB('accounts', {}), this.sessions.byDigest());
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
    for (const concern of this.concerns) concern.reset();
    const now = Date.now();
    for (const { key, value } of this.state.getRange({})) {
      const name = String(key);
      const colon = name.indexOf(':');
      const kind = colon === -1 ? name : name.slice(0, colon);
      const rest = name.slice(colon + 1);
      try {
        if (UNLOADED_RECORDS.has(kind)) continue;
        if (!this.concerns.some((concern) => concern.restore(kind, rest, value, now))) throw new Error('a record this version does not know');
      } catch (error) {
        throw new DataDirError(`${this.dir.file}: record "${name}" is unreadable (${(error as Error).message}); restore a backup or move the directory away`);
      }
    }
    this.floor.load();
    this.log.load();
    this.sessions.load();
    this.venues.reload();
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

  ingestCounts: FloorRepository['ingestCounts'] = (batch, context) => this.floor.ingestCounts(batch, context);
  ingestCheckins: FloorRepository['ingestCheckins'] = (batch, context) => this.floor.ingestCheckins(batch, context);
  readFloor: FloorRepository['readFloor'] = (day, nowMs) => this.floor.readFloor(day, nowMs);
  readRollup: FloorRepository['readRollup'] = (day) => this.floor.readRollup(day);
  listRollupDays: FloorRepository['listRollupDays'] = () => this.floor.listRollupDays();
  trimRaw: FloorRepository['trimRaw'] = (beforeMs, nowMs) => this.floor.trimRaw(beforeMs, nowMs);
  rawStats: FloorRepository['rawStats'] = () => this.floor.rawStats();
  recountZone: FloorRepository['recountZone'] = (zone, count, context) => this.floor.recountZone(zone, count, context);
  setGateClosure: FloorRepository['setGateClosure'] = (gate, closure) => this.floor.setGateClosure(gate, closure);
  createIncident: IncidentRepository['createIncident'] = (incident, fingerprint) => this.incidents.createIncident(incident, fingerprint);
  getIncident: IncidentRepository['getIncident'] = (id) => this.incidents.getIncident(id);
  replaceIncident: IncidentRepository['replaceIncident'] = (expected, next, step) => this.incidents.replaceIncident(expected, next, step);
  listIncidents: IncidentRepository['listIncidents'] = () => this.incidents.listIncidents();
  putIncidentPhoto: IncidentRepository['putIncidentPhoto'] = (id, photo) => this.incidents.putIncidentPhoto(id, photo);
  getIncidentPhoto: IncidentRepository['getIncidentPhoto'] = (id) => this.incidents.getIncidentPhoto(id);
  saveSession: SessionRepository['saveSession'] = (token, session) => this.sessions.saveSession(token, session);
  getSession: SessionRepository['getSession'] = (token) => this.sessions.getSession(token);
  revokeSession: SessionRepository['revokeSession'] = (token) => this.sessions.revokeSession(token);
  appendAudit: SessionRepository['appendAudit'] = (entry) => this.sessions.appendAudit(entry);
  listAudit: SessionRepository['listAudit'] = (limit) => this.sessions.listAudit(limit);
  raiseAlert: AlertRepository['raiseAlert'] = (alert, key, nowMs) => this.alerts.raiseAlert(alert, key, nowMs);
  replaceAlert: AlertRepository['replaceAlert'] = (expected, next, nowMs, releaseKey) => this.alerts.replaceAlert(expected, next, nowMs, releaseKey);
  listAlerts: AlertRepository['listAlerts'] = () => this.alerts.listAlerts();
  readLog: LogRepository['readLog'] = (untilMs, sinceMs) => this.log.readLog(untilMs, sinceMs);
  onChange: Store['onChange'] = (listener) => this.bus.onChange(listener);

  /** A secret kept in the data directory, made on first use (durable/durable-sessions.ts). */
  persistentSecret(name: string): Promise<string> {
    return this.sessions.persistentSecret(name);
  }

  async ping(): Promise<void> {
    if (this.closed) throw new StoreUnavailableError(new Error('the durable store is closed'));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // What was answered is already on disk; what is queued (an expired session's removal) goes too.
    await this.writer.settled().catch(() => {});
    this.closed = true;
    this.bus.close();
    await this.root.close();
    this.dir.release();
  }
}
