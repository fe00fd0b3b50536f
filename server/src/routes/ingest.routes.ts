import Router from '@koa/router';
import type { Context } from 'koa';
import type { z } from 'zod';
import { CheckinBody, parseCountBody } from '@fairwatch/protocol';
import { deviceOf, principalOfState, requireDevice, requireDeviceOrStaff } from '../http/auth.ts';
import type { Device } from '../auth/credentials.ts';
import { checkDeviceSignature } from '../http/device-signature.ts';
import { readJson } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import { unprefixed } from '../services/ingest-service.ts';
import type { RouteDeps } from './context.ts';

interface Batch<T> {
  items: T[];
  /** The body was one item, not an array: error paths name its fields without an index. */
  single: boolean;
}

/** `parse`: the schema's safeParse (CountBody's through parseCountBody, its quicker equal). */
async function readBatch<T>(ctx: Context, parse: (body: unknown) => z.ZodSafeParseResult<T[]>): Promise<Batch<T>> {
  const body = await readJson(ctx);
  const single = !Array.isArray(body);
  const parsed = parse(body);
  if (!parsed.success) {
    const error = ApiError.invalid(parsed.error, 'the batch does not match the schema; nothing was applied');
    throw new ApiError(error.code, error.message, unprefixed(error.details ?? [], single));
  }
  return { items: parsed.data, single };
}

/** Staff roles that may post count reports besides devices: stewards counting at the gates (issue 17). */
export const COUNTING_ROLES = ['steward'] as const;

/** Who reports a count batch: a device, or a steward (any gate, no stand, no signature). */
function countReporterOf(ctx: Context): Device {
  const principal = principalOfState(ctx);
  if (principal.kind === 'device') return principal.device;
  return { id: `steward:${principal.session.username}`, gates: null, stands: new Set() };
}

/** POST /counts and /checkins: devices report; a batch is applied whole or not at all (services/ingest-service.ts). */
export function ingestRoutes({ services, credentials, sessions, now }: RouteDeps): Router {
  const router = new Router();
  const device = requireDevice(sessions, credentials);

  router.post('/api/v1/counts', requireDeviceOrStaff(sessions, credentials, COUNTING_ROLES), async (ctx) => {
    const { items, single } = await readBatch(ctx, parseCountBody);
    const reporter = countReporterOf(ctx);
    checkDeviceSignature(ctx, reporter, now().getTime());
    ctx.body = await services.ingest.counts(reporter, items, single);
    ctx.status = 202;
  });

  router.post('/api/v1/checkins', device, async (ctx) => {
    const { items, single } = await readBatch(ctx, (body) => CheckinBody.safeParse(body));
    const reporter = deviceOf(ctx);
    checkDeviceSignature(ctx, reporter, now().getTime());
    ctx.body = await services.ingest.checkins(reporter, items, single);
    ctx.status = 202;
  });

  return router;
}
