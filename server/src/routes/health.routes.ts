import Router from '@koa/router';
import { bearerToken } from '../http/auth.ts';
import type { RouteDeps } from './context.ts';

/**
 * GET /health: 200 while the store answers, 503 otherwise (for load balancers and probes). Which
 * store runs is told to signed-in staff only: an anonymous caller on the fair's Wi-Fi learns the
 * status and nothing of how the installation is built.
 */
export function healthRoutes({ store, sessions }: RouteDeps): Router {
  const router = new Router();
  router.get('/api/v1/health', async (ctx) => {
    const token = bearerToken(ctx);
    // A session lookup only (a digest and a map or Redis read): no key derivation for anonymous probes.
    const staff = token !== null && (await sessions.find(token).catch(() => null)) !== null;
    try {
      await store.ping();
      ctx.body = staff ? { status: 'ok', store: store.kind } : { status: 'ok' };
    } catch {
      ctx.status = 503;
      ctx.set('Retry-After', '2');
      ctx.body = { error: { code: 'unavailable', message: staff ? `the ${store.kind} store does not answer` : 'the store does not answer' } };
    }
  });
  return router;
}
