import type { Role } from '@fairwatch/protocol';
import type { DeviceAccount, UserAccount } from '../auth/accounts-file.ts';
import { digestOf } from '../auth/secrets.ts';

/** Passwords set in the dashboard: at least this long (the CLI asks for 12). */
export const MIN_PASSWORD_LENGTH = 10;
/** Most staff accounts and device keys the store takes: what an admin can grow is bounded. */
export const MAX_USERS = 1_000;
export const MAX_DEVICES = 5_000;

/** The change an admin asks for on one user. */
export interface UserChange {
  role?: Role;
  disabled?: boolean;
  /** Removes the user. */
  remove?: boolean;
}

const enabledAdmin = (user: Pick<UserAccount, 'role' | 'disabled'>) => user.role === 'admin' && !user.disabled;

/**
 * Whether a change would leave no enabled admin: the last one cannot be removed, disabled or demoted
 * (nobody could then manage accounts in the dashboard).
 */
export function removesLastAdmin(users: readonly UserAccount[], username: string, change: UserChange): boolean {
  const target = users.find((user) => user.username === username);
  if (!target || !enabledAdmin(target)) return false;
  const after = change.remove ? null : { role: change.role ?? target.role, disabled: change.disabled ?? target.disabled };
  if (after && enabledAdmin(after)) return false;
  return !users.some((user) => user.username !== username && enabledAdmin(user));
}

/** A session's public handle: names it in the admin's list without giving away its token or the token's digest. */
export function sessionHandleOf(tokenDigest: string): string {
  return digestOf(`fairwatch-session-handle\n${tokenDigest}`).slice(0, 22);
}

/** A device as the admin's list shows it (never its key hash or signing secret). */
export function listedDevice(device: DeviceAccount, lastReportMs: number | undefined) {
  return {
    id: device.id,
    gates: device.gates ?? [],
    stands: device.stands ?? [],
    lastReportAt: lastReportMs === undefined ? null : new Date(lastReportMs).toISOString(),
  };
}
