import type { Incident, IngestResult } from '@fairwatch/protocol';
import { applyCount, emptyFloorCounters, floorStateFromMemory, InstantPeaks, loggedCountOf, reportHour, type ApplyContext, type PreparedCount } from '../../domain/floor-counters.ts';
import { RECENT_CHECKIN_WINDOW_MS, type FloorState } from '../../domain/floor-state.ts';
import { countCrossings, recentCrossingsOf, type CrossingMinutes } from '../../domain/crossing-minutes.ts';
import type { GateClosure } from '../../domain/crowd-safety.ts';
import { applyRecount } from '../../domain/recount.ts';
import type { LoggedCount } from '../../domain/replay.ts';
import { copyRollup, emptyRollup, rollCheckin, rollCount, type DayRollup } from '../../domain/rollups.ts';
import { StandScans } from '../../domain/stand-scans.ts';
import { IdMemory } from '../id-memory.ts';
import type { LocalChangeBus } from '../local-change-bus.ts';
import type { FloorRepository, PreparedCheckin, RawStats, RecountContext } from '../store.ts';
import type { MemoryLog } from './memory-log.ts';

/**
 * The running figures and roll-ups in this process's memory: the domain rules applied directly
 * (domain/floor-counters.ts, rollups.ts, stand-scans.ts), report ids remembered for their TTL.
 */
export class MemoryFloor implements FloorRepository {
  private readonly counters = emptyFloorCounters();
  private readonly seenCounts: IdMemory;
  private readonly seenCheckins: IdMemory;
  /** Per-day and per-hour roll-ups (domain/rollups.ts), and the distinct badges of each day. */
  private readonly rollups = new Map<string, DayRollup>();
  private readonly badges = new Map<string, Set<string>>();
  private readonly standDays = new Map<string, Map<string, number>>();
  private recentCheckins: Array<{ stand: string; atMs: number }> = [];
  private readonly scans = new StandScans();
  private readonly gateClosures = new Map<string, GateClosure>();
  /** Crossings per minute of the server clock and gate (issue 18), the last few minutes only. */
  private readonly gateMinutes: CrossingMinutes = new Map();

  constructor(
    private readonly log: MemoryLog,
    private readonly bus: LocalChangeBus,
    /** The incidents as stored: the floor state carries their statuses. */
    private readonly incidents: () => Incident[],
    idTtlMs: number,
  ) {
    this.seenCounts = new IdMemory(idTtlMs);
    this.seenCheckins = new IdMemory(idTtlMs);
  }

  async ingestCounts(batch: PreparedCount[], context: ApplyContext): Promise<IngestResult> {
    let accepted = 0;
    const logged: LoggedCount[] = [];
    // Peaks once every report of an instant is applied (issue 15).
    const peaks = new InstantPeaks(this.counters, context, { rollupOf: (day) => this.rollupOf(day), hourOf: reportHour });
    for (const report of batch) {
      if (!this.seenCounts.remember(report.id, context.nowMs)) continue;
      const applied = applyCount(this.counters, report, context, peaks);
      countCrossings(this.gateMinutes, report.gate, applied.in, applied.out, context.nowMs);
      rollCount(this.rollupOf(report.day), { entries: applied.entries, exits: applied.exits, hour: reportHour(report) });
      logged.push(loggedCountOf(report));
      accepted++;
    }
    peaks.settle();
    if (accepted) this.log.append({ type: 'counts', atMs: context.nowMs, items: logged });
    if (accepted) this.bus.publish({ kind: 'floor' });
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
    if (accepted) this.log.append({ type: 'checkins', atMs: context.nowMs, items: logged });
    if (accepted) this.bus.publish({ kind: 'floor' });
    return { accepted, duplicates: batch.length - accepted };
  }

  async readFloor(day: string, nowMs: number): Promise<FloorState> {
    const since = nowMs - RECENT_CHECKIN_WINDOW_MS;
    this.recentCheckins = this.recentCheckins.filter((checkin) => checkin.atMs > since);
    const floor = floorStateFromMemory({ counters: this.counters, standDays: this.standDays, recentCheckins: this.recentCheckins, incidents: this.incidents(), standRepeats: this.scans.repeats }, day);
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
    this.log.trimBefore(beforeMs);
    this.seenCounts.forgetExpired(nowMs);
    this.seenCheckins.forgetExpired(nowMs);
    return this.rawStats();
  }

  async rawStats(): Promise<RawStats> {
    return { logEntries: this.log.size, ids: this.seenCounts.size + this.seenCheckins.size };
  }

  async recountZone(zone: string, count: number, context: RecountContext): Promise<{ before: number }> {
    const before = applyRecount(this.counters, zone, count, context);
    this.log.append({ type: 'recount', atMs: context.nowMs, zone, count });
    this.bus.publish({ kind: 'floor' });
    return { before };
  }

  async setGateClosure(gate: string, closure: GateClosure | null): Promise<void> {
    if (closure) this.gateClosures.set(gate, { ...closure });
    else this.gateClosures.delete(gate);
    this.bus.publish({ kind: 'floor' });
  }

  private rollupOf(day: string): DayRollup {
    let rollup = this.rollups.get(day);
    if (!rollup) this.rollups.set(day, (rollup = emptyRollup(day)));
    return rollup;
  }
}
