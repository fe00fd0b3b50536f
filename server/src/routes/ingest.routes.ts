import Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { CheckinBody, CountBody, type ErrorDetail } from '@fairwatch/protocol';
import { venueDay } from '../domain/venue-time.ts';
import type { ApplyContext, PreparedCount } from '../domain/floor-counters.ts';
import { requireDevice } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { PreparedCheckin } from '../store/store.ts';
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

function rejectUnknown(unknown: ErrorDetail[], single: boolean): void {
  if (unknown.length) {
    throw new ApiError('unknown_reference', 'the batch names what the venue does not have; nothing was applied', unprefixed(unknown, single));
  }
}

/** POST /counts and /checkins: devices report; a batch is applied whole or not at all. */
export function ingestRoutes(deps: RouteDeps): Router {
  const { store, venue, credentials } = deps;
  const gates = new Map(venue.gates.map((gate) => [gate.id, gate]));
  const stands = new Set(venue.stands.map((stand) => stand.id));
  const dayOf = (at: string) => venueDay(new Date(at), venue.timezone);
  const router = new Router();
  const device = requireDevice(store, credentials);

  const applyContext = (): ApplyContext => {
    const now = deps.now();
    return { nowMs: now.getTime(), nowIso: now.toISOString(), today: venueDay(now, venue.timezone) };
  };

  router.post('/api/v1/counts', device, async (ctx) => {
    const { items, single } = await readBatch(ctx, CountBody);
    const unknown: ErrorDetail[] = [];
    const prepared: PreparedCount[] = [];
    items.forEach((report, index) => {
      const gate = gates.get(report.gate);
      if (!gate) unknown.push({ path: `${index}.gate`, message: `unknown gate "${report.gate}"` });
      else prepared.push({ ...report, line: gate, day: dayOf(report.at) });
    });
    rejectUnknown(unknown, single);
    const result = await store.ingestCounts(prepared, applyContext());
    ctx.status = 202;
    ctx.body = result;
  });

  router.post('/api/v1/checkins', device, async (ctx) => {
    const { items, single } = await readBatch(ctx, CheckinBody);
    const unknown: ErrorDetail[] = [];
    const prepared: PreparedCheckin[] = [];
    items.forEach((checkin, index) => {
      if (!stands.has(checkin.stand)) unknown.push({ path: `${index}.stand`, message: `unknown stand "${checkin.stand}"` });
      else prepared.push({ ...checkin, atMs: Date.parse(checkin.at), day: dayOf(checkin.at) });
    });
    rejectUnknown(unknown, single);
    const result = await store.ingestCheckins(prepared, applyContext());
    ctx.status = 202;
    ctx.body = result;
  });

  return router;
}
