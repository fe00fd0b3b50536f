import Router from '@koa/router';
import getRawBody from 'raw-body';
import { MAX_PHOTO_BYTES, PHOTO_TYPES } from '@fairwatch/protocol';
import { actorOf, requireStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import { RESPONDERS } from '../services/actor.ts';
import type { RouteDeps } from './context.ts';

/**
 * Photos of incidents (an extension of the contract). The image is the request body itself
 * (`Content-Type: image/jpeg`, `image/png` or `image/webp`, at most MAX_PHOTO_BYTES), checked by its
 * content; sending the same image again changes nothing, so a phone may retry freely
 * (services/incident-service.ts).
 */
export function incidentPhotoRoutes({ services, credentials, sessions }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);

  router.put('/api/v1/incidents/:id/photo', responders, async (ctx) => {
    const id = ctx.params.id ?? '';
    const claimed = ctx.get('content-type').split(';')[0]!.trim().toLowerCase();
    if (!(PHOTO_TYPES as readonly string[]).includes(claimed)) {
      throw new ApiError('invalid_request', `a photo is sent as ${PHOTO_TYPES.join(', ')}`, [{ path: 'content-type', message: `"${claimed}" is not an accepted image type` }]);
    }
    // Before the body is read: no upload is taken for an incident that does not exist.
    if (!(await services.incidents.exists(id))) throw new ApiError('not_found', `no incident ${id}`);
    ctx.body = await services.incidents.attachPhoto(actorOf(ctx), id, claimed, await readPhoto(ctx.req, ctx.get('content-length')));
  });

  router.get('/api/v1/incidents/:id/photo', staff, async (ctx) => {
    const photo = await services.incidents.photo(ctx.params.id ?? '');
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
