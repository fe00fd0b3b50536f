import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { Role } from '@fairwatch/protocol';
import { UserAccount } from '../auth/accounts-file.ts';
import { hashSecret, randomSecret } from '../auth/secrets.ts';
import { MAX_USERS, MIN_PASSWORD_LENGTH, removesLastAdmin, sessionHandleOf, type UserChange } from '../domain/account-admin.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

const Password = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);
const NewUser = z.object({ username: UserAccount.shape.username, role: Role, password: Password }).strict();
const UserPatch = z
  .object({ role: Role.optional(), disabled: z.boolean().optional(), password: Password.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give role, disabled or password');

export type PeopleRouteDeps = Pick<RouteDeps, 'store' | 'credentials' | 'sessions' | 'audit' | 'sessionTtlMs'>;

/**
 * People and sessions (issue 16, admin only): staff accounts in the store, shared by every instance.
 * Any change to a user gives them a new generation, which ends every session of theirs everywhere
 * (sessions are bound to the account's stamp); the last enabled admin stays.
 */
export function adminPeopleRoutes({ store, credentials, sessions, audit, sessionTtlMs }: PeopleRouteDeps): Router {
  const router = new Router();
  const admin = requireStaff(sessions, credentials, ['admin']);
  const accounts = store.accounts;
  /** This instance has the change before it answers; the others hear it on the bus. */
  const applied = async () => {
    credentials.invalidate?.();
    await credentials.settled?.();
  };
  const nameOf = (ctx: Context) => String(ctx.params.username ?? '').slice(0, 64);

  router.get('/api/v1/admin/users', admin, async (ctx) => {
    const [users, open] = await Promise.all([accounts.listUsers(), sessions.list()]);
    const count = new Map<string, number>();
    for (const { session } of open) count.set(session.username, (count.get(session.username) ?? 0) + 1);
    ctx.body = {
      users: users.sort((a, b) => a.username.localeCompare(b.username)).map((user) => ({ username: user.username, role: user.role, disabled: user.disabled === true, sessions: count.get(user.username) ?? 0 })),
    };
  });

  router.post('/api/v1/admin/users', admin, async (ctx) => {
    const { username, role, password } = await readBody(ctx, NewUser);
    if ((await accounts.listUsers()).length >= MAX_USERS) throw new ApiError('conflict', `the store holds ${MAX_USERS} accounts already`);
    const user: UserAccount = { username, role, passwordHash: await hashSecret(password), generation: randomSecret(9) };
    if (!(await accounts.putUser(user, { onlyIfAbsent: true }))) throw new ApiError('exists', `a user named "${username}" exists`, [{ path: 'username', message: 'taken' }]);
    await applied();
    audit(ctx, { by: sessionOf(ctx).username, action: 'user.add', username, role });
    ctx.status = 201;
    ctx.body = { username, role, disabled: false, sessions: 0 };
  });

  router.patch('/api/v1/admin/users/:username', admin, async (ctx) => {
    const username = nameOf(ctx);
    const patch = await readBody(ctx, UserPatch);
    const users = await accounts.listUsers();
    const user = users.find((candidate) => candidate.username === username);
    if (!user) throw new ApiError('not_found', `no user "${username}"`);
    const change: UserChange = { role: patch.role, disabled: patch.disabled };
    if (removesLastAdmin(users, username, change)) throw new ApiError('last_admin', 'the last enabled admin cannot be disabled or demoted');
    const next: UserAccount = {
      ...user,
      ...(patch.role && { role: patch.role }),
      ...(patch.disabled !== undefined && { disabled: patch.disabled }),
      ...(patch.password && { passwordHash: await hashSecret(patch.password) }),
      generation: randomSecret(9),
    };
    await accounts.putUser(next);
    await applied();
    audit(ctx, { by: sessionOf(ctx).username, action: 'user.update', username, ...(patch.role && { role: patch.role }), ...(patch.disabled !== undefined && { disabled: patch.disabled }), ...(patch.password && { passwordReset: true }) });
    ctx.body = { username, role: next.role, disabled: next.disabled === true, sessions: 0 };
  });

  router.delete('/api/v1/admin/users/:username', admin, async (ctx) => {
    const username = nameOf(ctx);
    const users = await accounts.listUsers();
    if (!users.some((user) => user.username === username)) throw new ApiError('not_found', `no user "${username}"`);
    if (removesLastAdmin(users, username, { remove: true })) throw new ApiError('last_admin', 'the last enabled admin cannot be removed');
    await accounts.deleteUser(username);
    await applied();
    audit(ctx, { by: sessionOf(ctx).username, action: 'user.remove', username });
    ctx.status = 204;
  });

  router.get('/api/v1/admin/sessions', admin, async (ctx) => {
    const open = await sessions.list();
    ctx.body = {
      sessions: open
        .sort((a, b) => b.session.expiresAt - a.session.expiresAt)
        .map(({ tokenDigest, session }) => ({
          id: sessionHandleOf(tokenDigest),
          username: session.username,
          role: session.role,
          // Sessions signed in before issuedAt was kept last sessionTtlMs from their sign-in.
          issuedAt: new Date(session.issuedAt ?? session.expiresAt - sessionTtlMs).toISOString(),
          expiresAt: new Date(session.expiresAt).toISOString(),
        })),
    };
  });

  router.delete('/api/v1/admin/sessions/:id', admin, async (ctx) => {
    const id = String(ctx.params.id ?? '');
    const found = (await sessions.list()).find(({ tokenDigest }) => sessionHandleOf(tokenDigest) === id);
    if (!found) throw new ApiError('not_found', 'no such session (ended or expired)');
    await sessions.revokeByDigest(found.tokenDigest);
    audit(ctx, { by: sessionOf(ctx).username, action: 'session.end', username: found.session.username, session: id });
    ctx.status = 204;
  });

  return router;
}
