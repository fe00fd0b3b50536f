import type { Role } from '@fairwatch/protocol';
import { ApiError } from '../http/errors.ts';

/**
 * Who asks a service for something: a signed-in staff member, over HTTP (with the client's address) or
 * over the live socket. Services check the role themselves, so that a route and a socket command that
 * do the same thing cannot disagree on who may.
 */
export interface Actor {
  username: string;
  role: Role;
  /** The client's address (HTTP). */
  ip?: string;
  /** How the request came when not over HTTP (audited as such). */
  via?: 'socket';
}

export function requireRole(actor: Actor, roles: readonly Role[]): void {
  if (!roles.includes(actor.role)) throw new ApiError('forbidden', `the ${actor.role} role may not do this`);
}

/** Roles that log and handle incidents, and acknowledge crowd alerts. */
export const RESPONDERS: readonly Role[] = ['security', 'operations', 'admin'];
/** Roles that may reopen a resolved incident: those who dispatch, not the guard who closed it. */
export const REOPENERS: readonly Role[] = ['operations', 'admin'];
/** Roles that may close and reopen gates for real. */
export const GATE_CLOSURE_ROLES: readonly Role[] = ['operations', 'admin'];
/** Roles that may reset a zone's occupancy from a head count. */
export const RECOUNT_ROLES: readonly Role[] = ['operations', 'admin'];
