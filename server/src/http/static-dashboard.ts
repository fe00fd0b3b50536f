import { existsSync } from 'node:fs';
import { send } from '@koa/send';
import type { Context, Next } from 'koa';

/**
 * Serves the built dashboard at `/` (a single-page app: unknown paths get index.html). API and
 * Socket.IO paths are left to their handlers.
 */
export function staticDashboard(root: string) {
  const built = existsSync(`${root}/index.html`);
  return async (ctx: Context, next: Next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/') || ctx.path.startsWith('/socket.io')) return next();
    if (!built) {
      ctx.status = 503;
      ctx.type = 'text/plain';
      ctx.body = 'The dashboard is not built yet: run `pnpm build` (or `pnpm start`).';
      return;
    }
    const isAsset = ctx.path.startsWith('/assets/');
    try {
      await send(ctx, ctx.path === '/' ? '/index.html' : ctx.path, { root, maxage: isAsset ? 365 * 24 * 3600_000 : 0, immutable: isAsset });
    } catch {
      if (isAsset) return next();
      await send(ctx, '/index.html', { root });
    }
  };
}
