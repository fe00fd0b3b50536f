import type { Database } from 'lmdb';
import { isRepeatScan, type Incident, type IngestResult } from '@fairwatch/protocol';
import { applyCount, emptyFloorCounters, floorStateFromMemory, InstantPeaks, loggedCountOf, reportHour, type ApplyContext, type FloorCounters, type PreparedCount } from '../../domain/floor-counters.ts';
import { RECENT_CHECKIN_WINDOW_MS, type FloorState } from '../../domain/floor-state.ts';
import { countCrossings, recentCrossingsOf, type CrossingMinutes } from '../../domain/crossing-minutes.ts';
import type { GateClosure } from '../../domain/crowd-safety.ts';
import { applyRecount } from '../../domain/recount.ts';
import type { LoggedCount } from '../../domain/replay.ts';
import { copyRollup, emptyRollup, rollCheckin, rollCount, type DayRollup } from '../../domain/rollups.ts';
import type { FloorRepository, PreparedCheckin, RawStats, RecountContext } from '../store.ts';
import { bucketOf, bucketWidthMs, liveBuckets } from '../id-buckets.ts';
import { entryCount, removeRange, type DurableConcern, type DurableParts } from './durable-parts.ts';
import type { DurableLog } from './durable-log.ts';
import type { GroupCommit } from './group-commit.ts';
import { IdFilter } from './id-filter.ts';
import { countersRecord, RecordKey, restoreCounters, type CountersRecord } from './records.ts';

type IdKind = 'count' | 'checkin';

/** The databases of the floor: raw material that grows with traffic, on disk only. */
export interface FloorDatabases {
  /** Report ids remembered for idempotency, `[bucket, kind, id]`. */
  ids: Database;
  /** Distinct badges per day, `[day, badge]`. */
  badges: Database;
  /** Check-ins of the recent window, `[atMs, id]` → stand. */
  recent: Database;
  /** When each badge was last scanned at each stand, per day (`[day, stand, badge]`): repeats (issue 17). */
  scans: Database;
}

export interface DurableFloorOptions {
  idTtlMs: number;
  idFilterCapacity: number;
}

/**
 * The running figures and roll-ups: the small state the live figures need is in memory and rewritten
 * as records at each commit (copies taken when the commit starts, see GroupCommit.record); report ids,
 * badges, recent check-ins and scans stay on disk. The domain rules are the in-memory store's
 * (domain/floor-counters.ts, rollups.ts); the whole ingest of a report runs in this class.
 */
export class DurableFloor implements FloorRepository, DurableConcern {
  // Fields of their own, not read through `parts` or a holder: the ingest path uses them per report.
  private readonly writer: GroupCommit;
  private readonly state: Database;
  private readonly ids: Database;
  private readonly badges: Database;
  private readonly recent: Database;
  private readonly scans: Database;
  private readonly ttlMs: number;
  private readonly widthMs: number;
  private readonly idFilterCapacity: number;
  private idFilter: IdFilter;

  private counters: FloorCounters = emptyFloorCounters();
  private rollups = new Map<string, DayRollup>();
  private badgeCounts = new Map<string, number>();
  private standDays = new Map<string, Map<string, number>>();
  private recentCheckins: Array<{ stand: string; atMs: number }> = [];
  private standRepeats = new Map<string, Map<string, number>>();
  /** Scan times written by commits not yet on disk (reads must see them), by `day\nstand\nbadge`. */
  private pendingScans = new Map<string, number>();
  private gateClosures = new Map<string, GateClosure>();
  /** Crossings per minute of the server clock and gate (issue 18), the last few minutes only. */
  private gateMinutes: CrossingMinutes = new Map();

  constructor(
    private readonly parts: DurableParts,
    private readonly log: DurableLog,
    db: FloorDatabases,
    /** The incidents as stored: the floor state carries their statuses. */
    private readonly incidents: () => Incident[],
    options: DurableFloorOptions,
  ) {
    this.writer = parts.writer;
    this.state = parts.state;
    this.ids = db.ids;
    this.badges = db.badges;
    this.recent = db.recent;
    this.scans = db.scans;
    this.ttlMs = options.idTtlMs;
    this.widthMs = bucketWidthMs(this.ttlMs);
    this.idFilterCapacity = options.idFilterCapacity;
    this.idFilter = new IdFilter(this.idFilterCapacity);
  }

  reset(): void {
    this.counters = emptyFloorCounters();
    this.rollups = new Map();
    this.badgeCounts = new Map();
    this.standDays = new Map();
    this.standRepeats = new Map();
    this.pendingScans = new Map();
    this.gateClosures = new Map();
    this.gateMinutes = new Map();
  }

  restore(kind: string, rest: string, value: unknown): boolean {
    switch (kind) {
      case 'counters':
        this.counters = restoreCounters(value as CountersRecord);
        return true;
      case 'rollup':
        this.rollups.set(rest, value as DayRollup);
        return true;
      case 'stands':
        this.standDays.set(rest, new Map(value as Array<[string, number]>));
        return true;
      case 'badges':
        this.badgeCounts.set(rest, value as number);
        return true;
      case 'repeats':
        this.standRepeats.set(rest, new Map(value as Array<[string, number]>));
        return true;
      case 'closure':
        this.gateClosures.set(rest, value as GateClosure);
        return true;
      case 'crossings':
        this.gateMinutes = new Map((value as Array<[number, Array<[string, { in: number; out: number }]>]>).map(([minute, gates]) => [minute, new Map(gates)]));
        return true;
      default:
        return false;
    }
  }

  /** After the records: the id filter and the recent check-ins from their databases. */
  load(): void {
    this.rebuildIdFilter();
    this.recentCheckins = [...this.recent.getRange({})].map(({ key, value }) => ({ stand: value as string, atMs: (key as [number, string])[0] }));
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
    this.parts.writable();
    let accepted = 0;
    const logged: LoggedCount[] = [];
    // Peaks once every report of an instant is applied (issue 15).
    const peaks = new InstantPeaks(this.counters, context, { rollupOf: (day) => this.rollupOf(day), hourOf: reportHour });
    const days = new Set<string>();
    for (const report of batch) {
      if (!this.rememberId('count', report.id, context.nowMs)) continue;
      const applied = applyCount(this.counters, report, context, peaks);
      countCrossings(this.gateMinutes, report.gate, applied.in, applied.out, context.nowMs);
      rollCount(this.rollupOf(report.day), { entries: applied.entries, exits: applied.exits, hour: reportHour(report) });
      days.add(report.day);
      logged.push(loggedCountOf(report));
      accepted++;
    }
    peaks.settle();
    if (accepted) {
      this.recordCounters();
      this.writer.record(this.state, RecordKey.crossings, () => [...this.gateMinutes].map(([minute, gates]) => [minute, [...gates].map(([gate, counted]) => [gate, { ...counted }])]));
      for (const day of days) this.recordRollup(day);
      this.log.append({ type: 'counts', atMs: context.nowMs, items: logged });
    }
    await this.parts.commit();
    if (accepted) this.parts.publish({ kind: 'floor' });
    return { accepted, duplicates: batch.length - accepted };
  }

  async ingestCheckins(batch: PreparedCheckin[], context: ApplyContext): Promise<IngestResult> {
    this.parts.writable();
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
      this.log.append({ type: 'checkins', atMs: context.nowMs, items: logged });
    }
    const scansWritten = [...this.pendingScans];
    try {
      await this.parts.commit();
    } finally {
      // On disk now (or reloaded from it): reads go to the disk again, unless a later batch wrote since.
      for (const [key, atMs] of scansWritten) if (this.pendingScans.get(key) === atMs) this.pendingScans.delete(key);
    }
    if (accepted) this.parts.publish({ kind: 'floor' });
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
    const floor = floorStateFromMemory({ counters: this.counters, standDays: this.standDays, recentCheckins: this.recentCheckins, incidents: this.incidents(), standRepeats: this.standRepeats }, day);
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
    this.parts.writable();
    const oldestLiveBucket = liveBuckets(nowMs, this.widthMs, this.ttlMs).at(-1) ?? bucketOf(nowMs, this.widthMs);
    const recentSince = nowMs - RECENT_CHECKIN_WINDOW_MS;
    // Memory keeps its recent check-ins (readFloor drops them by its own instant): trimming changes no figure.
    await this.log.trimBefore(beforeMs);
    if (await removeRange(this.parts, this.ids, [oldestLiveBucket])) this.rebuildIdFilter();
    await removeRange(this.parts, this.recent, [recentSince + 1]);
    // Badge sightings of the newest two days with check-ins are kept (a repeat needs the same day).
    const keptDays = [...this.standDays.keys()].sort().slice(-2);
    if (keptDays.length) await removeRange(this.parts, this.scans, [keptDays[0]!]);
    return this.rawStats();
  }

  async rawStats(): Promise<RawStats> {
    await this.parts.commit();
    return { logEntries: this.log.size, ids: entryCount(this.ids) };
  }

  async recountZone(zone: string, count: number, context: RecountContext): Promise<{ before: number }> {
    this.parts.writable();
    const before = applyRecount(this.counters, zone, count, context);
    this.recordCounters();
    this.log.append({ type: 'recount', atMs: context.nowMs, zone, count });
    await this.parts.commit();
    this.parts.publish({ kind: 'floor' });
    return { before };
  }

  async setGateClosure(gate: string, closure: GateClosure | null): Promise<void> {
    this.parts.writable();
    if (closure) {
      this.gateClosures.set(gate, { ...closure });
      this.writer.put(this.state, RecordKey.closure(gate), { ...closure });
    } else {
      this.gateClosures.delete(gate);
      this.writer.remove(this.state, RecordKey.closure(gate));
    }
    await this.parts.commit();
    this.parts.publish({ kind: 'floor' });
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
}
