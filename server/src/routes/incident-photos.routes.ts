import { createHash } from 'node:crypto';
import Router from '@koa/router';
import type { Context } from 'koa';
import getRawBody from 'raw-body';
import { MAX_PHOTO_BYTES, PHOTO_TYPES, type IncidentPhoto, type PhotoType } from '@fairwatch/protocol';
import { reencodePhoto } from '../photos/reencode-photo.ts';
import { attachPhoto } from '../domain/incident-steps.ts';
import { checkPhoto } from '../domain/photo-check.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';
import { RESPONDERS } from './incidents.routes.ts';
import { updateIncident } from './incident-update.ts';

/**
 * Photos of incidents (an extension of the contract). The image is the request body itself
 * (`Content-Type: image/jpeg`, `image/png` or `image/webp`, at most MAX_PHOTO_BYTES), checked by its
 * content; sending the same image again changes nothing, so a phone may retry freely.
 */
export function incidentPhotoRoutes({ store, credentials, sessions, now, audit }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);

  router.put('/api/v1/incidents/:id/photo', responders, async (ctx) => {
    const id = ctx.params.id ?? '';
    const claimed = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
    if (!(PHOTO_TYPES as readonly string[]).includes(claimed)) {
      throw new ApiError('invalid_request', `a photo is sent as ${PHOTO_TYPES.join(', ')}`, [{ path: 'content-type', message: `"${claimed}" is not an accepted image type` }]);
    }
    if (!(await store.getIncident(id))) throw new ApiError('not_found', `no incident ${id}`);
    const data = await readPhoto(ctx.req, ctx.get('content-length'));
    const verdict = checkPhoto(data, claimed);
    if (!verdict.ok) {
      if (verdict.reason === 'too_large') throw new ApiError('payload_too_large', verdict.message);
      throw new ApiError('invalid_request', verdict.message, [{ path: '(body)', message: verdict.message }]);
    }
    // What is stored and served is the image decoded and encoded anew: pixels only (reencode-photo.ts).
    const reencoded = await reencodePhoto(data, verdict.type);
    if (!reencoded.ok) throw new ApiError('invalid_request', reencoded.message, [{ path: '(body)', message: reencoded.message }]);
    await storePhoto(ctx, id, verdict.type, reencoded.data);
  });

  async function storePhoto(ctx: Context, id: string, type: PhotoType, data: Buffer): Promise<void> {
    const photo: IncidentPhoto = {
      type,
      bytes: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      at: now().toISOString(),
      by: sessionOf(ctx).username,
    };
    const current = await store.getIncident(id);
    // A retry of the same image stores nothing again.
    if (current?.photo?.sha256 !== photo.sha256) await store.putIncidentPhoto(id, { type: photo.type, data });
    const { incident, changed } = await updateIncident(store, id, (incident) => attachPhoto(incident, photo));
    if (changed) audit(ctx, { by: photo.by, action: 'incident-photo', incident: id, sha256: photo.sha256, bytes: photo.bytes });
    ctx.body = incident;
  }

  router.get('/api/v1/incidents/:id/photo', staff, async (ctx) => {
    const id = ctx.params.id ?? '';
    const photo = await store.getIncidentPhoto(id);
    if (!photo) throw new ApiError('not_found', `incident ${id} has no photo`);
    ctx.type = photo.type;
    ctx.set('cache-control', 'private, no-cache');
    // An image, never a document: even a file a browser were to sniff could run nothing here.
    ctx.set('content-security-policy', "default-src 'none'; sandbox");
    ctx.body = photo.data;
  });

  return router;
}

async function readPhoto(req: Parameters<typeof getRawBody>[0], length: string): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit: MAX_PHOTO_BYTES, length: length || undefined });
  } catch (error) {
    if ((error as { type?: string }).type === 'entity.too.large') throw new ApiError('payload_too_large', `the photo is larger than ${MAX_PHOTO_BYTES} bytes`);
    throw new ApiError('invalid_request', 'the photo could not be read');
  }
}
