import Router from '@koa/router';
import { LoginRequest, type LoginResult } from '@fairwatch/protocol';
import { SESSION_TTL_MS, newSessionToken } from '../auth/sessions.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

/** POST /login: a staff member signs in and gets a token every instance accepts. */
export function sessionRoutes({ store, credentials, sessions, logger }: RouteDeps): Router {
  const router = new Router();
  router.post('/api/v1/login', async (ctx) => {
    const { username, password } = await readBody(ctx, LoginRequest);
    const role = credentials.checkPassword(username, password);
    if (!role) {
      logger.info({ username }, 'sign-in refused');
      throw new ApiError('unauthorized', 'wrong user name or password');
    }
    const token = newSessionToken();
    const expiresAt = Date.now() + SESSION_TTL_MS;
    const session = { username, role, expiresAt };
    await store.saveSession(token, session);
    sessions.remember(token, session);
    logger.info({ username, role }, 'signed in');
    const result: LoginResult = { token, role, expiresAt: new Date(expiresAt).toISOString() };
    ctx.body = result;
  });
  return router;
}
