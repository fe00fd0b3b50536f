import { randomBytes } from 'node:crypto';
import type { Role } from '@fairwatch/protocol';

/** A signed-in staff member, as stored behind an opaque token so that every instance can check it. */
export interface Session {
  username: string;
  role: Role;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** When it was signed in (ms; informational, for the admin's sessions list, outside the MAC). */
  issuedAt?: number;
  /**
   * The seal the session directory puts on a session (stores keep these fields as they are given):
   * the stamp of the account at sign-in (`Credentials.account`), and a MAC with SESSION_SECRET over
   * the token's digest and every other field. A record without a valid MAC is not a session.
   */
  account?: string;
  mac?: string;
}

/** How long a sign-in lasts: a long fair day. */
export const SESSION_TTL_MS = 14 * 60 * 60_000;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}
