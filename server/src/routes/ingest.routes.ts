import Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { CheckinBody, CountBody, isCumulative, type ErrorDetail } from '@fairwatch/protocol';
import { venueDay, venueHour } from '@fairwatch/venue/venue-time';
import type { ApplyContext, PreparedCount } from '../domain/floor-counters.ts';
import { deviceOf, principalOfState, requireDevice, requireDeviceOrStaff } from '../http/auth.ts';
import type { Device } from '../auth/credentials.ts';
import { checkDeviceSignature } from '../http/device-signature.ts';
import { readJson } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { PreparedCheckin } from '../store/store.ts';
import type { Logger } from '../log.ts';
import type { RouteDeps } from './context.ts';

interface Batch<T> {
  items: T[];
  /** The body was one item, not an array: error paths name its fields without an index. */
  single: boolean;
}

function unprefixed(details: ErrorDetail[], single: boolean): ErrorDetail[] {
  return single ? details.map((d) => ({ ...d, path: d.path.replace(/^0(\.|$)/, '') || '(body)' })) : details;
}

async function readBatch<T>(ctx: Context, schema: z.ZodType<T[]>): Promise<Batch<T>> {
  const body = await readJson(ctx);
  const single = !Array.isArray(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const error = ApiError.invalid(parsed.error, 'the batch does not match the schema; nothing was applied');
    throw new ApiError(error.code, error.message, unprefixed(error.details ?? [], single));
  }
  return { items: parsed.data, single };
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

/** Staff roles that may post count reports besides devices: stewards counting at the gates (issue 17). */
export const COUNTING_ROLES = ['steward'] as const;

/** Who reports a count batch: a device, or a steward (any gate, no stand, no signature). */
function countReporterOf(ctx: Context): Device {
  const principal = principalOfState(ctx);
  if (principal.kind === 'device') return principal.device;
  return { id: `steward:${principal.session.username}`, gates: null, stands: new Set() };
}

/** POST /counts and /checkins: devices report; a batch is applied whole or not at all. */
export function ingestRoutes(deps: RouteDeps): Router {
  const { store, venue, credentials, sessions } = deps;
  const gates = new Map(venue.gates.map((gate) => [gate.id, gate]));
  const stands = new Set(venue.stands.map((stand) => stand.id));
  const dayOf = (atMs: number) => venueDay(atMs, venue.timezone);
  const hourOf = (atMs: number) => venueHour(atMs, venue.timezone);
  const router = new Router();
  const device = requireDevice(sessions, credentials);

  const applyContext = (): ApplyContext => {
    const now = deps.now();
    return { nowMs: now.getTime(), nowIso: now.toISOString(), today: venueDay(now, venue.timezone) };
  };

  router.post('/api/v1/counts', requireDeviceOrStaff(sessions, credentials, COUNTING_ROLES), async (ctx) => {
    const { items, single } = await readBatch(ctx, CountBody);
    const context = applyContext();
    const reporter = countReporterOf(ctx);
    checkDeviceSignature(ctx, reporter, context.nowMs);
    const problems = new BatchProblems(context.nowMs, deps.maxReportAgeMs);
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
          id: report.id, gate: report.gate, line, at: report.at, atMs, day: dayOf(atMs), hour: hourOf(atMs),
          device: cumulative ? report.device : undefined,
          in: cumulative ? report.inTotal : report.in,
          out: cumulative ? report.outTotal : report.out,
        });
      }
    }
    problems.throwIfAny(single, reporter.id, deps.logger);
    const result = await store.ingestCounts(prepared, context);
    deps.deviceHealth?.seen(reporter.id, { atMs: context.nowMs, gates: [...new Set(prepared.map((report) => report.gate))] });
    ctx.status = 202;
    ctx.body = result;
  });

  router.post('/api/v1/checkins', device, async (ctx) => {
    const { items, single } = await readBatch(ctx, CheckinBody);
    const context = applyContext();
    const reporter = deviceOf(ctx);
    checkDeviceSignature(ctx, reporter, context.nowMs);
    const problems = new BatchProblems(context.nowMs, deps.maxReportAgeMs);
    const prepared: PreparedCheckin[] = [];
    items.forEach((checkin, index) => {
      const atMs = Date.parse(checkin.at);
      if (!stands.has(checkin.stand)) problems.unknown.push({ path: `${index}.stand`, message: `unknown stand "${checkin.stand}"` });
      else if (problems.checkScope(index, 'stand', checkin.stand, reporter.stands) && problems.checkTime(index, atMs)) {
        prepared.push({ ...checkin, atMs, day: dayOf(atMs), hour: hourOf(atMs) });
      }
    });
    problems.throwIfAny(single, reporter.id, deps.logger);
    const result = await store.ingestCheckins(prepared, context);
    ctx.status = 202;
    ctx.body = result;
  });

  return router;
}
