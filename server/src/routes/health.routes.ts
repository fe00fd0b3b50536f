import Router from '@koa/router';
import type { RouteDeps } from './context.ts';

/** GET /health: 200 while the store answers, 503 otherwise (for load balancers and probes). */
export function healthRoutes({ store }: RouteDeps): Router {
  const router = new Router();
  router.get('/api/v1/health', async (ctx) => {
    try {
      await store.ping();
      ctx.body = { status: 'ok', store: store.kind };
    } catch {
      ctx.status = 503;
      ctx.set('Retry-After', '2');
      ctx.body = { error: { code: 'unavailable', message: `the ${store.kind} store does not answer` } };
    }
  });
  return router;
}
