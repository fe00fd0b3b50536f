import type { Actor } from '../services/actor.ts';
import type { Context, Next } from 'koa';
import { FLOOR_ROLES, type Role } from '@fairwatch/protocol';
import type { Credentials, Device } from '../auth/credentials.ts';
import type { Session } from '../auth/sessions.ts';
import type { SessionDirectory } from '../auth/session-directory.ts';
import { ApiError } from './errors.ts';
import type { RateLimits } from './rate-limits.ts';

import type { Principal } from './principal.ts';

export type { Principal } from './principal.ts';

export interface AuthState {
  principal: Principal;
}

export function bearerToken(ctx: Context): string | null {
  const match = /^Bearer\s+(\S{1,512})$/i.exec(ctx.get('authorization'));
  return match?.[1] ?? null;
}

/** Who is calling: a device (by its key) or a staff member (by session token). */
async function principalOf(ctx: Context, sessions: SessionDirectory, credentials: Credentials): Promise<Principal> {
  const token = bearerToken(ctx);
  if (!token) throw new ApiError('unauthorized', 'an Authorization: Bearer token or device key is required');
  // Device keys first: proven keys are a map lookup, and session tokens never look like device keys.
  // A key that needs scrypt is charged to the caller's address first (unknown ids too: a dummy hash).
  const limits = ctx.state.rateLimits as RateLimits | undefined;
  let charged = false;
  let release: (() => void) | undefined;
  let device: Device | null;
  try {
    device = await credentials.device(token, async () => {
      await limits?.chargeDeviceKeyCheck(ctx.ip);
      charged = true;
      release = await limits?.slowCheck(ctx.ip);
    });
  } finally {
    release?.();
  }
  if (device && charged) await limits?.deviceKeyProven(ctx.ip);
  if (device) return { kind: 'device', device };
  const session = await sessions.find(token);
  if (session) return { kind: 'staff', session, token };
  throw new ApiError('unauthorized', 'the token or device key is unknown, revoked or expired; sign in again');
}

/** Counts the request against the caller's rate limit, when the app attached limits. */
async function limit(ctx: Context, principal: Principal): Promise<void> {
  await (ctx.state.rateLimits as RateLimits | undefined)?.consumeFor(principal);
}

/**
 * Lets staff of the given roles through; when none are given, the roles that see the whole floor
 * (FLOOR_ROLES: a steward sees only its gates, through the field routes).
 */
export function requireStaff(sessions: SessionDirectory, credentials: Credentials, roles: readonly Role[] = FLOOR_ROLES) {
  return async (ctx: Context, next: Next) => {
    const principal = await principalOf(ctx, sessions, credentials);
    if (principal.kind !== 'staff') throw new ApiError('forbidden', 'a device key cannot do this; sign in as staff');
    if (!roles.includes(principal.session.role)) {
      throw new ApiError('forbidden', `the ${principal.session.role} role may not do this`);
    }
    await limit(ctx, principal);
    ctx.state.principal = principal;
    await next();
  };
}

/** Lets devices (gate counters, stand scanners) through. */
export function requireDevice(sessions: SessionDirectory, credentials: Credentials) {
  return async (ctx: Context, next: Next) => {
    const principal = await principalOf(ctx, sessions, credentials);
    if (principal.kind !== 'device') throw new ApiError('forbidden', 'only devices report counts and check-ins');
    await limit(ctx, principal);
    ctx.state.principal = principal;
    await next();
  };
}

/**
 * Lets through devices, and staff of the given roles: the field routes, where a steward's phone and a
 * provisioned device key do the same job.
 */
export function requireDeviceOrStaff(sessions: SessionDirectory, credentials: Credentials, roles: readonly Role[]) {
  return async (ctx: Context, next: Next) => {
    const principal = await principalOf(ctx, sessions, credentials);
    if (principal.kind === 'staff' && !roles.includes(principal.session.role)) {
      throw new ApiError('forbidden', `the ${principal.session.role} role may not do this`);
    }
    await limit(ctx, principal);
    ctx.state.principal = principal;
    await next();
  };
}

/** The principal a route's guard let through. */
export function principalOfState(ctx: Context): Principal {
  const principal = (ctx.state as AuthState).principal;
  if (!principal) throw new Error('principalOfState called outside an auth guard');
  return principal;
}

/** Who makes this request, for the services (after requireStaff). */
export function actorOf(ctx: Context): Actor {
  const { username, role } = sessionOf(ctx);
  return { username, role, ip: ctx.ip };
}

export function sessionOf(ctx: Context): Session {
  const principal = (ctx.state as AuthState).principal;
  if (principal?.kind !== 'staff') throw new Error('sessionOf called outside requireStaff');
  return principal.session;
}

export function tokenOf(ctx: Context): string {
  const principal = (ctx.state as AuthState).principal;
  if (principal?.kind !== 'staff') throw new Error('tokenOf called outside requireStaff');
  return principal.token;
}

export function deviceOf(ctx: Context): Device {
  const principal = (ctx.state as AuthState).principal;
  if (principal?.kind !== 'device') throw new Error('deviceOf called outside requireDevice');
  return principal.device;
}
