import Router from '@koa/router';
import getRawBody from 'raw-body';
import type { Context } from 'koa';
import { z } from 'zod';
import { FreeText, ROLES } from '@fairwatch/protocol';
import { versionOfTag } from '../domain/venue-versions.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readJson, readText } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { LiveVenue } from '../live/live-venue.ts';
import { publishVenue, type PublishOutcome } from '../live/venue-publisher.ts';
import { MAX_PLAN_BYTES, PLAN_TYPES, preparePlanImage } from '../photos/reencode-plan.ts';
import type { RouteDeps } from './context.ts';

/** A whole venue is larger than other bodies (thousands of stands), not unbounded. */
const VENUE_BODY_LIMIT_BYTES = 8 * 1024 * 1024;
/** Most plan images kept: each upload is a new one. */
const MAX_PLAN_IMAGES = 50;
const VERSIONS_LISTED = 200;

const Confirm = z.object({ confirmRemoval: z.boolean().optional() }).strict();
const VersionNumber = z.coerce.number().int().min(1).max(1e9);

export type VenueRouteDeps = Pick<RouteDeps, 'store' | 'credentials' | 'sessions' | 'audit' | 'now'> & { live: LiveVenue };

/** `If-Match: "<version>"`: the version the editor started from; `*` or no header: any. */
function basedOnOf(ctx: Context): number | undefined {
  const header = ctx.get('if-match');
  if (!header || header.trim() === '*') return undefined;
  const version = versionOfTag(header);
  if (version === null) throw new ApiError('invalid_request', 'If-Match names a venue version: "<version>"', [{ path: 'If-Match', message: 'expected "<version>"' }]);
  return version;
}

const confirmOf = (value: unknown) => value === true || value === 'true' || value === '1';

/** `?note=`: what a publish changes, at most 500 characters (bidirectional controls dropped). */
const PublishNote = FreeText(500).optional();
function noteOf(ctx: Context): string | undefined {
  const note = PublishNote.safeParse(typeof ctx.query.note === 'string' && ctx.query.note.trim() === '' ? undefined : ctx.query.note);
  if (!note.success) throw new ApiError('invalid_request', 'note: one text of at most 500 characters', [{ path: 'note', message: 'at most 500 characters' }]);
  return note.data;
}

/**
 * The venue studio's server side (issue 16): the current venue with its version, publishing (PUT),
 * the versions list, a roll back, and the floor-plan images. Publishing applies at once on every
 * instance (venue-publisher.ts).
 */
export function venueRoutes(deps: VenueRouteDeps): Router {
  const { store, credentials, sessions, audit, live, now } = deps;
  const router = new Router();
  const anyone = requireStaff(sessions, credentials, ROLES);
  const admin = requireStaff(sessions, credentials, ['admin']);

  // Serialised once per version: every dashboard reads it at start and at each `venue:updated`.
  let served = { version: -1, json: '' };
  router.get('/api/v1/venue', anyone, (ctx) => {
    const version = live.version();
    if (served.version !== version) served = { version, json: JSON.stringify(live.current()) };
    ctx.set('ETag', `"${version}"`);
    ctx.set('X-Venue-Version', String(version));
    ctx.set('Cache-Control', 'private, no-cache');
    // A dashboard that holds this version already (after `venue:updated` from another version) reads nothing again.
    if (versionOfTag(ctx.get('if-none-match')) === version) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = served.json;
  });

  const answer = (ctx: Context, outcome: PublishOutcome) => {
    const { summary, removedOccupied } = outcome;
    audit(ctx, {
      by: summary.by, action: 'venue.publish', version: summary.version, counts: summary.counts,
      ...(summary.restoredFrom !== undefined && { restoredFrom: summary.restoredFrom }),
      ...(removedOccupied.length && { removedOccupied }),
    });
    ctx.set('ETag', `"${summary.version}"`);
    ctx.body = { version: summary.version, publishedAt: summary.publishedAt, by: summary.by };
  };

  router.put('/api/v1/venue', admin, async (ctx) => {
    const basedOn = basedOnOf(ctx);
    const note = noteOf(ctx);
    const venue = await readJson(ctx, VENUE_BODY_LIMIT_BYTES);
    answer(ctx, await publishVenue({ store, live, now }, { venue, by: sessionOf(ctx).username, basedOn, confirmRemoval: confirmOf(ctx.query.confirmRemoval), ...(note && { note }) }));
  });

  router.get('/api/v1/venue/versions', admin, async (ctx) => {
    ctx.body = { current: await store.venues.currentVersion(), versions: await store.venues.listVersions(VERSIONS_LISTED) };
  });

  const versionNamed = async (ctx: Context) => {
    const n = VersionNumber.safeParse(ctx.params.n);
    const stored = n.success ? await store.venues.readVersion(n.data) : null;
    if (!stored) throw new ApiError('not_found', `no venue version ${String(ctx.params.n).slice(0, 20)}`);
    return stored;
  };

  router.get('/api/v1/venue/versions/:n', admin, async (ctx) => {
    const { version, publishedAt, by, venue } = await versionNamed(ctx);
    ctx.body = { version, publishedAt, by, venue };
  });

  router.post('/api/v1/venue/versions/:n/publish', admin, async (ctx) => {
    const stored = await versionNamed(ctx);
    // The body is optional: an empty one confirms nothing.
    const text = (await readText(ctx)).trim();
    let json: unknown = {};
    try {
      if (text) json = JSON.parse(text);
    } catch {
      throw new ApiError('invalid_request', 'the body is not valid JSON');
    }
    const body = Confirm.safeParse(json);
    if (!body.success) throw ApiError.invalid(body.error, 'expected { confirmRemoval?: boolean }');
    const confirmRemoval = body.data.confirmRemoval === true || confirmOf(ctx.query.confirmRemoval);
    answer(ctx, await publishVenue({ store, live, now }, { venue: stored.venue, by: sessionOf(ctx).username, basedOn: basedOnOf(ctx), confirmRemoval, restoredFrom: stored.version }));
  });

  router.put('/api/v1/venue/plan', admin, async (ctx) => {
    const claimed = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
    if (!(PLAN_TYPES as readonly string[]).includes(claimed)) {
      throw new ApiError('unsupported_image', `a plan is sent as ${PLAN_TYPES.join(', ')}`, [{ path: 'content-type', message: `"${claimed.slice(0, 100)}" is not an accepted image type` }]);
    }
    const data = await readPlan(ctx);
    const prepared = await preparePlanImage(data, claimed);
    if (!prepared.ok) throw new ApiError(prepared.reason, prepared.message, [{ path: '(body)', message: prepared.message }]);
    if (!(await store.venues.getImage(prepared.image))) {
      if ((await store.venues.countImages()) >= MAX_PLAN_IMAGES) throw new ApiError('conflict', `the store holds ${MAX_PLAN_IMAGES} plan images already`);
      await store.venues.putImage(prepared.image, { type: prepared.type, data: prepared.data });
    }
    audit(ctx, { by: sessionOf(ctx).username, action: 'venue.plan', image: prepared.image, bytes: prepared.data.length, widthPx: prepared.widthPx, heightPx: prepared.heightPx });
    ctx.status = 201;
    ctx.body = { image: prepared.image, widthPx: prepared.widthPx, heightPx: prepared.heightPx };
  });

  router.get('/api/v1/venue/plan/:image', anyone, async (ctx) => {
    const sha = ctx.params.image ?? '';
    const image = /^[0-9a-f]{64}$/.test(sha) ? await store.venues.getImage(sha) : null;
    if (!image) throw new ApiError('not_found', 'no such plan image');
    ctx.type = image.type;
    // Named by its content: it never changes under the same name.
    ctx.set('Cache-Control', 'private, max-age=31536000, immutable');
    ctx.set('content-security-policy', "default-src 'none'; sandbox");
    ctx.body = image.data;
  });

  return router;
}

async function readPlan(ctx: Context): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit: MAX_PLAN_BYTES, length: ctx.get('content-length') || undefined });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw new ApiError('too_large', `the plan is larger than ${MAX_PLAN_BYTES / (1024 * 1024)} MB`);
    throw new ApiError('invalid_image', 'the plan could not be read');
  }
}
