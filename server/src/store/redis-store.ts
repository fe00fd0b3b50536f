import { createClient, type RedisClientType } from 'redis';
import type { Alert, Incident, IncidentHistoryEntry, IngestResult } from '@fairwatch/protocol';
import type { ApplyContext, PreparedCount } from '../domain/floor-counters.ts';
import { RECENT_CHECKIN_WINDOW_MS, RECENT_CROSSING_MINUTES, type FloorState, type RecentCrossing } from '../domain/floor-state.ts';
import type { Logger } from '../log.ts';
import { bucketExpiresAtMs, bucketWidthMs, liveBuckets } from './id-buckets.ts';
import { BADGE_SIGHTINGS_KEPT_MS, SCRIPTS, checkinsScriptArgs, countsScriptArgs, type IngestScriptOptions, type LuaScript } from './redis-scripts.ts';
import type { IncidentHead, LogEntry } from '../domain/replay.ts';
import type { GateClosure } from '../domain/crowd-safety.ts';
import { rollupFromHash, type DayRollup } from '../domain/rollups.ts';
import { RedisVenueRepository } from './redis-venue-repository.ts';
import { RedisAccountRepository } from './redis-account-repository.ts';
import type { AccountRepository } from './account-repository.ts';
import { SealedAccountRepository } from '../auth/sealed-accounts.ts';
import type { RedisAccess } from './redis-access.ts';
import { RedisAlerts } from './redis/redis-alerts.ts';
import { RedisIncidents } from './redis/redis-incidents.ts';
import { RedisSessions } from './redis/redis-sessions.ts';
import { StoreUnavailableError, type PreparedCheckin, type RawStats, type RecountContext, type Store, type StoreChange, type AlertRepository, type IncidentRepository, type SessionRepository } from './store.ts';

export interface RedisStoreOptions {
  url: string;
  /** How long a report id is remembered for idempotency. */
  idTtlSeconds: number;
  /** Approximate most entries kept in the durable log stream. */
  logMaxEntries: number;
  /** A command that takes longer fails as unavailable, so that no request hangs on a stalled Redis. */
  commandTimeoutMs: number;
  /** How long to wait for Redis at start before giving up. */
  connectTimeoutMs?: number;
  logger: Logger;
  /**
   * The key that seals user and device records (SESSION_SECRET): write access to Redis without it
   * gives no account. Unset: records are taken as they are (tests of the store alone).
   */
  accountSeal?: string;
}

const PREFIX = '{fw}:';
/** Redis errors that mean "not now" rather than "wrong command". */
const TRANSIENT_REPLY = /^(LOADING|READONLY|BUSY|OOM|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|MISCONF)/;

/**
 * The shared store: figures, incidents and sessions live in Redis, so that every instance and every
 * restart see the same state. Each write is one Lua script (atomic, idempotent by id) that also
 * appends to the durable log stream and publishes a change for the other instances; the floor is read
 * by one script too, so that a read never sees half a write.
 */
export class RedisStore implements Store {
  readonly kind = 'redis';
  private readonly listeners = new Set<(change: StoreChange) => void>();
  /** The newest log entry this instance has heard of: where a replay after a disconnect starts. */
  private lastLogId = '0-0';

  private readonly scriptOptions: IngestScriptOptions;
  readonly venues: RedisVenueRepository;
  readonly accounts: AccountRepository;
  // One module per concern (redis/); the store answers for them as the Store interface asks.
  private readonly incidents: RedisIncidents;
  private readonly sessions: RedisSessions;
  private readonly alerts: RedisAlerts;

  private constructor(
    private readonly client: RedisClientType,
    private readonly subscriber: RedisClientType,
    private readonly options: RedisStoreOptions,
  ) {
    this.scriptOptions = { prefix: PREFIX, idTtlSeconds: options.idTtlSeconds, logMaxEntries: options.logMaxEntries };
    const access: RedisAccess = {
      client, prefix: PREFIX, channel: `${PREFIX}changes`, logMax: String(options.logMaxEntries),
      guard: (work) => this.guard(work),
      script: (script, args) => this.script(script, args),
    };
    this.venues = new RedisVenueRepository(access);
    const accounts = new RedisAccountRepository(access);
    const ignored = new Set<string>();
    this.accounts = options.accountSeal === undefined ? accounts : new SealedAccountRepository(accounts, options.accountSeal, (kind, name) => {
      if (ignored.has(`${kind}:${name}`)) return;
      ignored.add(`${kind}:${name}`);
      options.logger.warn({ [kind]: name }, `a ${kind} record in Redis is not sealed with this SESSION_SECRET: ignored (another SESSION_SECRET, or written by someone without it)`);
    });
    this.incidents = new RedisIncidents(access);
    this.sessions = new RedisSessions(access);
    this.alerts = new RedisAlerts(access);
  }

  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const client: RedisClientType = createClient({
      url: options.url,
      // Fail at once while disconnected instead of queueing: the caller answers 503 and the device retries.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2_000) },
    });
    let lastError = '';
    client.on('error', (error: Error) => {
      if (error.message !== lastError) options.logger.warn({ err: error.message }, 'redis connection error');
      lastError = error.message;
    });
    client.on('ready', () => {
      if (lastError) options.logger.info('redis connection restored');
      lastError = '';
    });
    await withDeadline(client.connect(), options.connectTimeoutMs ?? 15_000, () => {
      void client.destroy();
      return new Error(`cannot reach Redis at ${redactedUrl(options.url)}`);
    });
    const subscriber = client.duplicate();
    subscriber.on('error', () => {});
    await subscriber.connect();
    const store = new RedisStore(client, subscriber, options);
    await store.loadScripts();
    await store.adoptPerIdKeys();
    await subscriber.subscribe(`${PREFIX}changes`, (message) => store.dispatch(message));
    store.lastLogId = (await client.sendCommand<Array<[string, string[]]>>(['XREVRANGE', `${PREFIX}log`, '+', '-', 'COUNT', '1']))[0]?.[0] ?? '0-0';
    // Pub/sub drops what is published while the subscriber is away: replay it from the durable log.
    subscriber.on('ready', () => void store.replayMissed());
    return store;
  }

  async ingestCounts(batch: PreparedCount[], context: ApplyContext): Promise<IngestResult> {
    const [accepted, duplicates] = await this.script<[number, number]>(SCRIPTS.ingestCounts, countsScriptArgs(batch, context, this.scriptOptions));
    return { accepted, duplicates };
  }

  async ingestCheckins(batch: PreparedCheckin[], context: ApplyContext): Promise<IngestResult> {
    const args = checkinsScriptArgs(batch, context, { ...this.scriptOptions, recentWindowMs: RECENT_CHECKIN_WINDOW_MS });
    const [accepted, duplicates] = await this.script<[number, number]>(SCRIPTS.ingestCheckins, args);
    return { accepted, duplicates };
  }

  async readFloor(day: string, nowMs: number): Promise<FloorState> {
    const since = nowMs - RECENT_CHECKIN_WINDOW_MS;
    const thisMinute = Math.floor(nowMs / 60_000);
    const minutes = Array.from({ length: RECENT_CROSSING_MINUTES }, (_, i) => thisMinute - i);
    const replies = await this.script<string[][]>(SCRIPTS.readFloor, [JSON.stringify({ prefix: PREFIX, day, since: String(since), minutes })]);
    // In the order read-floor.lua returns them.
    const hash = (i: number) => pairsOf(replies[i] ?? []);
    const [occupancy, dayFigures, gates, lastReports, stands, recent, incidents, drift, repeats, closures] = [hash(0), hash(1), hash(2), hash(3), hash(4), replies[5] ?? [], hash(6), hash(7), hash(8), hash(9)];
    const crossings = minutes.map((_, i) => hash(10 + i));
    const gateFigures: FloorState['gates'] = {};
    for (const [field, value] of Object.entries(gates)) {
      const split = field.lastIndexOf(':');
      const gate = field.slice(0, split);
      const figures = (gateFigures[gate] ??= { in: 0, out: 0 });
      figures[field.slice(split + 1) === 'in' ? 'in' : 'out'] = Number(value);
    }
    return {
      day,
      occupancy: mapValues(occupancy, Number),
      entries: Number(dayFigures.entries ?? 0),
      exits: Number(dayFigures.exits ?? 0),
      peakInside: dayFigures.peakInside === undefined ? null : Number(dayFigures.peakInside),
      peakAt: dayFigures.peakAt ?? null,
      gates: gateFigures,
      gateLastReport: mapValues(lastReports, Number),
      standCheckins: mapValues(stands, Number),
      standRepeats: mapValues(repeats, Number),
      recentCheckins: recent.map((member) => {
        const [stand = '', atMs = '0'] = member.split('\n');
        return { stand, atMs: Number(atMs) };
      }),
      incidents: Object.values(incidents).map((state) => {
        const [status, resolved] = state.split('|');
        return { status: status as Incident['status'], resolvedAt: resolved || null };
      }),
      drift: mapValues(drift, Number),
      closedGates: mapValues(closures, (json) => JSON.parse(json) as GateClosure),
      recentCrossings: recentCrossingsOf(minutes, crossings),
    };
  }

  async readRollup(day: string): Promise<DayRollup> {
    const [hash, unique] = await this.guard(() =>
      Promise.all([this.client.hGetAll(`${PREFIX}roll:${day}`), this.client.pfCount(`${PREFIX}badges:${day}`)]),
    );
    return rollupFromHash(day, hash, unique);
  }

  /**
   * Earlier versions remembered each report id as a key of its own (`{fw}:seen:<kind>:<id>`). Moves
   * those into the newest bucket, so that a retry of a report accepted before an upgrade still counts
   * once (it is then remembered a full TTL from now: longer, never shorter).
   */
  private async adoptPerIdKeys(): Promise<void> {
    const ttlMs = this.options.idTtlSeconds * 1000;
    const nowMs = Date.now();
    const width = bucketWidthMs(ttlMs);
    const bucket = liveBuckets(nowMs, width, ttlMs)[0]!;
    const expireMs = String(Math.ceil(bucketExpiresAtMs(bucket, width, ttlMs) - nowMs));
    let adopted = 0;
    for await (const keys of this.client.scanIterator({ MATCH: `${PREFIX}seen:*`, COUNT: 1000 })) {
      if (!keys.length) continue;
      const multi = this.client.multi();
      for (const key of keys) {
        const [kind, ...id] = key.slice(`${PREFIX}seen:`.length).split(':');
        const target = `${PREFIX}ids:${kind}:${bucket}`;
        multi.sAdd(target, id.join(':')).pExpire(target, Number(expireMs));
      }
      await multi.del(keys).exec();
      adopted += keys.length;
    }
    if (adopted) this.options.logger.info({ adopted }, 'moved report ids remembered one key each into id buckets');
  }

  async listRollupDays(): Promise<string[]> {
    return (await this.guard(() => this.client.sMembers(`${PREFIX}roll-days`))).sort();
  }

  // The log is trimmed by stream id, which is the Redis server's time in ms.
  async trimRaw(beforeMs: number, nowMs: number): Promise<RawStats> {
    await this.guard(async () => {
      await this.client.sendCommand(['XTRIM', `${PREFIX}log`, 'MINID', String(Math.max(0, Math.floor(beforeMs)))]);
      // Id buckets go by their TTL on Redis's clock; this also drops them on the server's, which is
      // what counts when the two disagree (a clock moved, a simulated fair).
      const ttlMs = this.options.idTtlSeconds * 1000;
      const oldestLive = liveBuckets(nowMs, bucketWidthMs(ttlMs), ttlMs).at(-1)!;
      const expired: string[] = [];
      for await (const keys of this.client.scanIterator({ MATCH: `${PREFIX}ids:*`, COUNT: 1000 })) {
        for (const key of keys) if (Number(key.slice(key.lastIndexOf(':') + 1)) < oldestLive) expired.push(key);
      }
      // Badge sightings (repeat scans) of days before yesterday, by the server's clock as well.
      const oldestDay = new Date(nowMs - BADGE_SIGHTINGS_KEPT_MS).toISOString().slice(0, 10);
      for await (const keys of this.client.scanIterator({ MATCH: `${PREFIX}badge-seen:*`, COUNT: 1000 })) {
        for (const key of keys) if (key.slice(key.lastIndexOf(':') + 1) < oldestDay) expired.push(key);
      }
      if (expired.length) await this.client.del(expired);
    });
    return this.rawStats();
  }

  async rawStats(): Promise<RawStats> {
    const [logEntries, ids] = await this.guard(async () => {
      let ids = 0;
      for await (const keys of this.client.scanIterator({ MATCH: `${PREFIX}ids:*`, COUNT: 1000 })) {
        for (const key of keys) ids += await this.client.sCard(key);
      }
      return [await this.client.xLen(`${PREFIX}log`), ids] as const;
    });
    return { logEntries, ids };
  }

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

  async recountZone(zone: string, count: number, context: RecountContext): Promise<{ before: number }> {
    const before = await this.script<number>(SCRIPTS.recountZone, [JSON.stringify({
      prefix: PREFIX, zone, count, nowIso: context.nowIso, today: context.today, logMax: String(this.options.logMaxEntries), by: context.by, note: context.note ?? '', nowMs: String(context.nowMs),
    })]);
    return { before };
  }

  async setGateClosure(gate: string, closure: GateClosure | null): Promise<void> {
    const change: StoreChange = { kind: 'floor' };
    const write = this.client.multi();
    if (closure) write.hSet(`${PREFIX}gate-closures`, gate, JSON.stringify(closure));
    else write.hDel(`${PREFIX}gate-closures`, gate);
    await this.guard(() => write.publish(`${PREFIX}changes`, JSON.stringify(change)).exec());
  }

  async readLog(untilMs: number, sinceMs?: number): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    let start = sinceMs === undefined ? '-' : String(Math.max(0, Math.floor(sinceMs)));
    for (;;) {
      const page = await this.guard(() => this.client.sendCommand<Array<[string, string[]]>>(['XRANGE', `${PREFIX}log`, start, String(untilMs), 'COUNT', '5000']));
      for (const [id, fields] of page) {
        const entry = logEntryOf(id, fields);
        if (entry && entry.atMs <= untilMs) entries.push(entry);
      }
      if (page.length < 5000) return entries;
      start = `(${page.at(-1)![0]}`;
    }
  }

  onChange(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async ping(): Promise<void> {
    await this.guard(() => this.client.ping());
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.allSettled([this.subscriber.close(), this.client.close()]);
  }

  private dispatch(message: string): void {
    let parsed: StoreChange & { logId?: string; head?: IncidentHead; steps?: number };
    try {
      parsed = JSON.parse(message) as typeof parsed;
    } catch (error) {
      this.options.logger.warn({ err: String(error) }, 'ignored a malformed change message');
      return;
    }
    const { logId, ...change } = parsed;
    if (logId) {
      if (compareLogIds(logId, this.lastLogId) <= 0) return; // already replayed from the log
      this.lastLogId = logId;
    }
    if (parsed.kind === 'incident' && parsed.head) {
      void this.emitIncidentStep(parsed.head, parsed.steps ?? Number.MAX_SAFE_INTEGER);
      return;
    }
    this.emit(change as StoreChange);
  }

  /**
   * A step's message carries the incident's fields and its history length, not the history: that is
   * read once from the incidents hash (append-only, so its first `steps` steps are this version's).
   */
  private async emitIncidentStep(head: IncidentHead, steps: number): Promise<void> {
    try {
      const current = await this.getIncident(head.id);
      if (current) this.emit({ kind: 'incident', incident: { ...head, history: current.history.slice(0, steps) } });
    } catch (error) {
      this.options.logger.warn({ err: String(error), incident: head.id }, 'could not read a changed incident; dashboards get it at their next read');
    }
  }

  /**
   * After the subscriber reconnects: every log entry newer than the last one heard of becomes the
   * change it would have published (incidents in full), then one "floor" change re-reads the figures.
   */
  private async replayMissed(attempt = 0): Promise<void> {
    // Let the client finish re-subscribing first, so that nothing falls between replay and live messages.
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      const entries = await this.guard(() =>
        this.client.sendCommand<Array<[string, string[]]>>(['XRANGE', `${PREFIX}log`, `(${this.lastLogId}`, '+', 'COUNT', '100000']),
      );
      const changedIncidents = new Set<string>();
      for (const [id, fields] of entries) {
        if (compareLogIds(id, this.lastLogId) <= 0) continue;
        this.lastLogId = id;
        const incident = fieldOf(fields, 'incident');
        if (incident) this.emit({ kind: 'incident', incident: JSON.parse(incident) as Incident });
        const head = fieldOf(fields, 'head');
        if (head) changedIncidents.add((JSON.parse(head) as IncidentHead).id);
      }
      // Steps missed: each changed incident once, as it is now.
      for (const id of changedIncidents) {
        const current = await this.getIncident(id);
        if (current) this.emit({ kind: 'incident', incident: current });
      }
      this.options.logger.info({ replayed: entries.length }, 'caught up from the durable log after a disconnect');
      this.emit({ kind: 'floor' });
      // Account changes are not in the log: re-read them all (venue versions are polled as well).
      this.emit({ kind: 'accounts' });
    } catch (error) {
      this.emit({ kind: 'floor' });
      if (attempt < 20) setTimeout(() => void this.replayMissed(attempt + 1), 250);
      else this.options.logger.error({ err: String(error) }, 'could not replay the log after a disconnect');
    }
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Loads every script at start-up, so that a syntax error or a missing file fails the start, not a write. */
  private async loadScripts(): Promise<void> {
    for (const script of Object.values(SCRIPTS)) {
      const sha = await this.client.sendCommand<string>(['SCRIPT', 'LOAD', script.source]);
      if (sha !== script.sha) throw new Error(`Redis loaded ${script.name}.lua as ${sha}, expected ${script.sha}`);
    }
  }

  /** Runs a script by its SHA, loading it again after a Redis restart or SCRIPT FLUSH (NOSCRIPT). */
  private async script<T>(script: LuaScript, args: string[]): Promise<T> {
    return this.guard(async () => {
      try {
        return await this.client.sendCommand<T>(['EVALSHA', script.sha, '0', ...args]);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        await this.client.sendCommand(['SCRIPT', 'LOAD', script.source]);
        return this.client.sendCommand<T>(['EVALSHA', script.sha, '0', ...args]);
      }
    });
  }

  /** Runs Redis work with a deadline; connection trouble becomes StoreUnavailableError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    if (!this.client.isReady) throw new StoreUnavailableError('redis is not connected');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError('redis command timed out')), this.options.commandTimeoutMs);
    });
    try {
      return await Promise.race([work(), deadline]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      const isReply = error instanceof Error && error.constructor.name === 'ErrorReply';
      if (isReply && !TRANSIENT_REPLY.test(error.message)) throw error;
      throw new StoreUnavailableError(error);
    } finally {
      clearTimeout(timer);
    }
  }
}

async function withDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(onTimeout()), ms)));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** A Redis URL without its password, for messages. */
function redactedUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/** Orders Redis stream ids ("ms-seq"). */
export function compareLogIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs - bMs || aSeq - bSeq;
}

function fieldOf(fields: string[], name: string): string | undefined {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

/** A stream entry of `{fw}:log` as the domain's LogEntry (null for kinds replay does not need). */
/** A log entry is dated by its stream id: the server's clock, kept in order (APPEND_LOG). */
function logEntryOf(id: string, fields: string[]): LogEntry | null {
  const type = fieldOf(fields, 'type');
  const atMs = Number.parseInt(id, 10);
  if (Number.isNaN(atMs)) return null;
  switch (type) {
    case 'counts':
    case 'checkins':
      return { type, atMs, items: JSON.parse(fieldOf(fields, 'items') ?? '[]') } as LogEntry;
    case 'incident':
      return { type, atMs, incident: JSON.parse(fieldOf(fields, 'incident') ?? 'null') as Incident };
    case 'incident-step':
      return { type, atMs, head: JSON.parse(fieldOf(fields, 'head') ?? 'null') as IncidentHead, step: JSON.parse(fieldOf(fields, 'step') ?? 'null') as IncidentHistoryEntry };
    case 'recount':
      return { type, atMs, zone: fieldOf(fields, 'zone') ?? '', count: Number(fieldOf(fields, 'count')) };
    case 'alert':
      return { type, atMs, alert: JSON.parse(fieldOf(fields, 'alert') ?? 'null') as Alert };
    default:
      return null;
  }
}


/** `gate:in` / `gate:out` fields of each minute's hash as one entry per minute and gate. */
function recentCrossingsOf(minutes: readonly number[], hashes: ReadonlyArray<Record<string, string>>): RecentCrossing[] {
  const crossings: RecentCrossing[] = [];
  hashes.forEach((hash, i) => {
    // A slot of the ring that still holds an older minute has nothing for this one.
    if (hash._minute !== String(minutes[i])) return;
    const byGate = new Map<string, RecentCrossing>();
    for (const [field, value] of Object.entries(hash)) {
      if (field === '_minute') continue;
      const split = field.lastIndexOf(':');
      const gate = field.slice(0, split);
      let entry = byGate.get(gate);
      if (!entry) byGate.set(gate, (entry = { minute: minutes[i]!, gate, in: 0, out: 0 }));
      entry[field.slice(split + 1) === 'in' ? 'in' : 'out'] = Number(value);
    }
    crossings.push(...byGate.values());
  });
  return crossings;
}

/** A flat HGETALL reply of a script (field, value, field, value…) as a record. */
function pairsOf(flat: readonly string[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
  return record;
}

function mapValues<T>(record: Record<string, string>, map: (value: string) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}


