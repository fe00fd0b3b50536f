import Router from '@koa/router';
import { LoginRequest, ROLES, type LoginResult } from '@fairwatch/protocol';
import { requireStaff, sessionOf, tokenOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

/** POST /login and /logout: a staff member signs in (a token every instance accepts) and out (revoked everywhere). */
export function sessionRoutes({ credentials, sessions, logger, audit, rateLimits, sessionTtlMs }: RouteDeps): Router {
  const router = new Router();

  router.post('/api/v1/login', async (ctx) => {
    const { username, password } = await readBody(ctx, LoginRequest);
    // Charged before scrypt runs: concurrent guesses cannot outrun the count.
    await rateLimits.chargeLogin(username, ctx.ip);
    // One address's guesses take turns (a few at once), so that they cannot hold up everyone's sign-in.
    const release = await rateLimits.slowCheck(ctx.ip);
    const account = await credentials.checkPassword(username, password).finally(release);
    if (!account) {
      logger.info({ username, ip: ctx.ip }, 'sign-in refused');
      throw new ApiError('unauthorized', 'wrong user name or password');
    }
    await rateLimits.loginSucceeded(username, ctx.ip);
    const { token, session } = await sessions.open(account, sessionTtlMs);
    audit(ctx, { by: username, action: 'signed-in', role: account.role });
    const result: LoginResult = { token, role: session.role, expiresAt: new Date(session.expiresAt).toISOString() };
    ctx.body = result;
  });

  router.post('/api/v1/logout', requireStaff(sessions, credentials, ROLES), async (ctx) => {
    await sessions.revoke(tokenOf(ctx));
    audit(ctx, { by: sessionOf(ctx).username, action: 'signed-out' });
    ctx.status = 204;
  });

  router.get('/api/v1/session', requireStaff(sessions, credentials, ROLES), (ctx) => {
    const session = sessionOf(ctx);
    ctx.body = { username: session.username, role: session.role, expiresAt: new Date(session.expiresAt).toISOString() };
  });

  return router;
}
