import type { AlertRepository, FloorRepository, IncidentRepository, LogRepository, SessionRepository, Store } from './store.ts';
import { LocalChangeBus } from './local-change-bus.ts';
import { MemoryFloor } from './memory/memory-floor.ts';
import { MemoryIncidents } from './memory/memory-incidents.ts';
import { MemorySessions } from './memory/memory-sessions.ts';
import { MemoryAlerts } from './memory/memory-alerts.ts';
import { MemoryLog } from './memory/memory-log.ts';
import { MemoryVenueRepository } from './memory-venue-repository.ts';
import { MemoryAccountRepository } from './memory-account-repository.ts';

export interface EmbeddedStoreOptions {
  /** How long a report id is remembered for idempotency (default 30 days). */
  idTtlSeconds?: number;
}

/**
 * The zero-setup store: everything in this process's memory, for one instance without Redis.
 * It applies the domain rules directly; its figures are lost when the process stops.
 *
 * One module per concern (memory/): floor and roll-ups, incidents and photos, sessions and audit,
 * alerts, the log; this class shares the log and the bus among them and answers for them as the
 * Store interface asks.
 */
export class EmbeddedStore implements Store {
  readonly kind = 'embedded';
  private readonly bus = new LocalChangeBus();
  private readonly log = new MemoryLog();
  private readonly incidents = new MemoryIncidents(this.log, this.bus);
  private readonly sessions = new MemorySessions(this.bus);
  private readonly alerts = new MemoryAlerts(this.log, this.bus);
  private readonly floor: MemoryFloor;
  readonly venues = new MemoryVenueRepository((change) => this.bus.publish(change));
  readonly accounts = new MemoryAccountRepository(this.sessions.byToken, (change) => this.bus.publish(change));

  constructor(options: EmbeddedStoreOptions = {}) {
    this.floor = new MemoryFloor(this.log, this.bus, () => this.incidents.current(), (options.idTtlSeconds ?? 30 * 24 * 3600) * 1000);
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

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.bus.close();
  }
}
