import { ROLES, type Role } from '@fairwatch/protocol';
import type { DeviceAccount, UserAccount } from './accounts-file.ts';
import { digestOf, secretsEqual } from './secrets.ts';

export { secretsEqual } from './secrets.ts';

/** A device that proved its key, with what it may report for (null: everything of that kind). */
export interface Device {
  id: string;
  gates: ReadonlySet<string> | null;
  stands: ReadonlySet<string> | null;
  signingSecret?: string;
}

/**
 * A staff account as it is now. `stamp` changes with any change to the account (password, role,
 * disabled, generation; a re-added name has a new salt): a session remembers the stamp of its
 * sign-in and ends when the account's differs.
 */
export interface StaffAccount {
  username: string;
  role: Role;
  stamp: string;
}

/** Called just before a slow key check runs (a rate limit: it throws to refuse the check). */
export type BeforeSlowCheck = () => Promise<void>;

/**
 * Who may sign in and which device keys are valid. Outside production without an accounts file: the
 * demo accounts (user name = role) sharing one password, and one device key valid for every gate and
 * stand. Otherwise the accounts file, whose hashes are slow (scrypt).
 */
export interface Credentials {
  readonly kind: 'demo' | 'file' | 'store';
  /** The account whose password matches, or null (unknown, disabled or wrong password). */
  checkPassword(username: string, password: string): Promise<StaffAccount | null>;
  /** The device whose key this is, or null. `beforeSlowCheck` runs only when a scrypt check is needed. */
  device(key: string, beforeSlowCheck?: BeforeSlowCheck): Promise<Device | null>;
  /** The account as it is now, or null once removed or disabled. */
  account(username: string): StaffAccount | null;
  /** The current role of a user who may sign in, or null. */
  roleOf(username: string): Role | null;
  /** Every staff member who may sign in (names and roles, never hashes). */
  users(): Array<{ username: string; role: Role }>;
  /**
   * Reads one account again from where accounts live (the store), for a session signed in on another
   * instance before this one heard of the change; credentials without a shared store do nothing.
   */
  refreshAccount?(username: string): Promise<void>;
  /** The accounts changed in the store (the bus said so): caches go, the accounts are read again. */
  invalidate?(): void;
  /** Resolves once a re-read started by `invalidate` is done. */
  settled?(): Promise<void>;
  /** Called after the accounts were reloaded: sessions and sockets of changed accounts must end. */
  onChange(listener: () => void): () => void;
  close(): void;
}

export const ALL_DEMO_DEVICE: Device = { id: 'demo-device', gates: null, stands: null };

export function demoCredentials(password: string, deviceKey: string): Credentials {
  const byName = new Map<string, StaffAccount>(ROLES.map((role) => [role, { username: role, role, stamp: digestOf(`demo\n${role}\n${password}`) }]));
  const account = (username: string): StaffAccount | null => byName.get(username) ?? null;
  return {
    kind: 'demo',
    async checkPassword(username, candidate) {
      // Compare even for unknown users so that timing does not tell which names exist.
      const matches = secretsEqual(candidate, password);
      return matches ? account(username) : null;
    },
    device: async (key) => (secretsEqual(key, deviceKey) ? ALL_DEMO_DEVICE : null),
    account,
    roleOf: (username) => account(username)?.role ?? null,
    users: () => ROLES.map((role) => ({ username: role, role })),
    onChange: () => () => undefined,
    close: () => undefined,
  };
}

/** Device keys read `<device id>.<secret>`: the id says which hash to check, without scanning them all. */
export function splitDeviceKey(key: string): { id: string; secret: string } | null {
  const dot = key.lastIndexOf('.');
  return dot > 0 && dot < key.length - 1 ? { id: key.slice(0, dot), secret: key.slice(dot + 1) } : null;
}

export function scopeOf(allowed: DeviceAccount['gates']): ReadonlySet<string> | null {
  if (allowed === '*') return null;
  return new Set(allowed ?? []);
}

/** The stamp of a user record: any change to it (or a new record under the same name) gives another. */
export function stampOf(user: UserAccount): string {
  return digestOf(JSON.stringify([user.username, user.role, user.passwordHash, user.disabled === true, user.generation ?? '']));
}

/**
 * A hash to spend time on for unknown users and unknown device ids, with the cost of real ones, so
 * that a wrong name or id costs what a wrong password or key does and timing tells nothing.
 */
export const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** How long a failed device key is answered from memory, and how many are remembered at most. */
export const FAILED_KEY_TTL_MS = 10 * 60_000;
export const FAILED_KEYS_MAX = 10_000;

