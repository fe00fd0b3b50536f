import { isCumulative, type Checkin, type AnyCountReport, type ErrorDetail, type IngestResult } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { venueDay, venueHour } from '@fairwatch/venue/venue-time';
import type { Device } from '../auth/credentials.ts';
import type { DeviceHealthBook } from '../domain/device-health.ts';
import type { ApplyContext, PreparedCount } from '../domain/floor-counters.ts';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { FloorRepository, PreparedCheckin } from '../store/store.ts';

/** Paths of a batch's errors; a body of one item (not an array) names its fields without an index. */
export function unprefixed(details: ErrorDetail[], single: boolean): ErrorDetail[] {
  return single ? details.map((d) => ({ ...d, path: d.path.replace(/^0(\.|$)/, '') || '(body)' })) : details;
}

/** How far in the future a report may be dated: device clocks drift, but not by this much. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** How long ago a report may be dated unless configured (MAX_REPORT_AGE_S). */
export const DEFAULT_MAX_REPORT_AGE_MS = 7 * 24 * 3_600_000;

/** Collects what is wrong with the items of a batch beyond their schema, then refuses it whole. */
class BatchProblems {
  readonly unknown: ErrorDetail[] = [];
  readonly skewed: ErrorDetail[] = [];
  /** Gates or stands the device's key is not for. */
  readonly outOfScope: ErrorDetail[] = [];
  constructor(
    private readonly nowMs: number,
    private readonly maxAgeMs: number,
  ) {}

  /**
   * Within the dates a report may have: not in the future beyond clock drift, not older than the
   * oldest accepted (its id may be forgotten by then, and each old day would be a day of figures).
   */
  checkTime(index: number, atMs: number): boolean {
    if (atMs > this.nowMs + MAX_CLOCK_SKEW_MS) {
      this.skewed.push({ path: `${index}.at`, message: `more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes in the future; check the device clock` });
      return false;
    }
    if (atMs < this.nowMs - this.maxAgeMs) {
      this.skewed.push({ path: `${index}.at`, message: `older than ${formatAge(this.maxAgeMs)} (MAX_REPORT_AGE_S), the oldest report accepted; check the device clock` });
      return false;
    }
    return true;
  }

  /** Whether the device may report for this gate or stand (null scope: any). */
  checkScope(index: number, field: 'gate' | 'stand', id: string, scope: ReadonlySet<string> | null): boolean {
    if (scope === null || scope.has(id)) return true;
    this.outOfScope.push({ path: `${index}.${field}`, message: `this device key is not for ${field} "${id}"` });
    return false;
  }

  throwIfAny(single: boolean, device: string, logger: Logger): void {
    if (this.outOfScope.length) {
      logger.warn({ device, refused: this.outOfScope }, 'a device key was used for gates or stands it is not for');
      throw new ApiError('forbidden', 'the device key is not for some of these gates or stands; nothing was applied', unprefixed(this.outOfScope, single));
    }
    if (this.unknown.length) {
      throw new ApiError('unknown_reference', 'the batch names what the venue does not have; nothing was applied', unprefixed(this.unknown, single));
    }
    if (this.skewed.length) {
      throw new ApiError('clock_skew', 'the batch has reports dated in the future or too long ago; nothing was applied', unprefixed(this.skewed, single));
    }
  }
}

function formatAge(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48 && Number.isInteger(hours / 24) ? `${hours / 24} days` : hours >= 1 ? `${Math.round(hours * 10) / 10} hours` : `${Math.round(ms / 1000)} seconds`;
}

/** The venue's gates and stands by id, made once per venue (version): this runs for every report. */
const indexes = new WeakMap<Venue, { gates: Map<string, Venue['gates'][number]>; stands: Set<string> }>();
function indexOf(venue: Venue) {
  let index = indexes.get(venue);
  if (!index) indexes.set(venue, (index = { gates: new Map(venue.gates.map((gate) => [gate.id, gate])), stands: new Set(venue.stands.map((stand) => stand.id)) }));
  return index;
}

export interface IngestServiceDeps {
  store: FloorRepository;
  /** The venue served now (issue 16: it changes with each published version). */
  venue: () => Venue;
  logger: Logger;
  now: () => Date;
  /** Reports dated longer ago than this are refused (422). */
  maxReportAgeMs: number;
  /** Device health (issue 17): every report's device and gates are noted in it. */
  deviceHealth?: DeviceHealthBook;
}

/**
 * Count reports and check-ins from the floor, as batches already read against their schema: each item
 * checked against the venue, the device's scope and the clock, then the batch stored whole or not at
 * all (a retried id counts once: the store's idempotency).
 */
export class IngestService {
  constructor(private readonly deps: IngestServiceDeps) {}

  private context(): ApplyContext {
    const now = this.deps.now();
    return { nowMs: now.getTime(), nowIso: now.toISOString(), today: venueDay(now, this.deps.venue().timezone) };
  }

  async counts(reporter: Device, items: readonly AnyCountReport[], single: boolean): Promise<IngestResult> {
    const venue = this.deps.venue();
    const { gates } = indexOf(venue);
    const context = this.context();
    const problems = new BatchProblems(context.nowMs, this.deps.maxReportAgeMs);
    const prepared: PreparedCount[] = [];
    for (let index = 0; index < items.length; index++) {
      const report = items[index]!;
      const line = gates.get(report.gate);
      const atMs = Date.parse(report.at);
      if (!line) problems.unknown.push({ path: `${index}.gate`, message: `unknown gate "${report.gate}"` });
      else if (problems.checkScope(index, 'gate', report.gate, reporter.gates) && problems.checkTime(index, atMs)) {
        // One object shape for both forms of report: this runs for every report ingested.
        const cumulative = isCumulative(report);
        prepared.push({
          id: report.id, gate: report.gate, line, at: report.at, atMs, day: venueDay(atMs, venue.timezone), hour: venueHour(atMs, venue.timezone),
          device: cumulative ? report.device : undefined,
          in: cumulative ? report.inTotal : report.in,
          out: cumulative ? report.outTotal : report.out,
        });
      }
    }
    problems.throwIfAny(single, reporter.id, this.deps.logger);
    const result = await this.deps.store.ingestCounts(prepared, context);
    this.deps.deviceHealth?.seen(reporter.id, { atMs: context.nowMs, gates: [...new Set(prepared.map((report) => report.gate))] });
    return result;
  }

  async checkins(reporter: Device, items: readonly Checkin[], single: boolean): Promise<IngestResult> {
    const venue = this.deps.venue();
    const { stands } = indexOf(venue);
    const context = this.context();
    const problems = new BatchProblems(context.nowMs, this.deps.maxReportAgeMs);
    const prepared: PreparedCheckin[] = [];
    items.forEach((checkin, index) => {
      const atMs = Date.parse(checkin.at);
      if (!stands.has(checkin.stand)) problems.unknown.push({ path: `${index}.stand`, message: `unknown stand "${checkin.stand}"` });
      else if (problems.checkScope(index, 'stand', checkin.stand, reporter.stands) && problems.checkTime(index, atMs)) {
        prepared.push({ ...checkin, atMs, day: venueDay(atMs, venue.timezone), hour: venueHour(atMs, venue.timezone) });
      }
    });
    problems.throwIfAny(single, reporter.id, this.deps.logger);
    return this.deps.store.ingestCheckins(prepared, context);
  }
}
