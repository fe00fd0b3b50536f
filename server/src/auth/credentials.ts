import { unwatchFile, watchFile } from 'node:fs';
import { ROLES, type Role } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import { readAccountsFile, type AccountsFile, type DeviceAccount } from './accounts-file.ts';
import { digestOf, secretsEqual, verifySecret } from './secrets.ts';

export { secretsEqual } from './secrets.ts';

/** A device that proved its key, with what it may report for (null: everything of that kind). */
export interface Device {
  id: string;
  gates: ReadonlySet<string> | null;
  stands: ReadonlySet<string> | null;
  signingSecret?: string;
}

/** What changed when the accounts were reloaded: sessions and sockets of removed users must end. */
export interface AccountsChange {
  removedUsers: string[];
}

/**
 * Who may sign in and which device keys are valid. Outside production without an accounts file: the
 * demo accounts (user name = role) sharing one password, and one device key valid for every gate and
 * stand. Otherwise the accounts file, whose hashes are slow (scrypt).
 */
export interface Credentials {
  readonly kind: 'demo' | 'file';
  /** The role of a user whose password matches, or null. */
  checkPassword(username: string, password: string): Promise<Role | null>;
  /** The device whose key this is, or null. */
  device(key: string): Promise<Device | null>;
  /** The current role of a user, or null once removed: a session of a removed user is refused at once. */
  roleOf(username: string): Role | null;
  /** Every staff member who may sign in (names and roles, never hashes). */
  users(): Array<{ username: string; role: Role }>;
  onChange(listener: (change: AccountsChange) => void): () => void;
  close(): void;
}

const ALL_DEMO_DEVICE: Device = { id: 'demo-device', gates: null, stands: null };

export function demoCredentials(password: string, deviceKey: string): Credentials {
  return {
    kind: 'demo',
    async checkPassword(username, candidate) {
      const role = ROLES.find((r) => r === username);
      // Compare even for unknown users so that timing does not tell which names exist.
      const matches = secretsEqual(candidate, password);
      return role && matches ? role : null;
    },
    device: async (key) => (secretsEqual(key, deviceKey) ? ALL_DEMO_DEVICE : null),
    roleOf: (username) => ROLES.find((r) => r === username) ?? null,
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

function scopeOf(allowed: DeviceAccount['gates']): ReadonlySet<string> | null {
  if (allowed === '*') return null;
  return new Set(allowed ?? []);
}

/** A hash to spend time on for unknown users, so that a wrong name costs what a wrong password does. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * Accounts from a file, re-read when it changes (every instance watches it), so that a user or device
 * removed with the CLI is refused within a second everywhere.
 */
export function fileCredentials(path: string, logger: Logger, pollMs = 500): Credentials {
  let accounts: AccountsFile = readAccountsFile(path);
  /** Keys already proven, by digest: scrypt once per key, not once per report. */
  let provenKeys = new Map<string, Device>();
  const listeners = new Set<(change: AccountsChange) => void>();

  const reload = () => {
    try {
      const next = readAccountsFile(path);
      const kept = new Set(next.users.map((user) => `${user.username}\n${user.role}`));
      const removedUsers = accounts.users.filter((user) => !kept.has(`${user.username}\n${user.role}`)).map((user) => user.username);
      accounts = next;
      provenKeys = new Map();
      logger.info({ users: next.users.length, devices: next.devices.length }, 'accounts reloaded');
      for (const listener of listeners) listener({ removedUsers });
    } catch (error) {
      logger.error({ err: (error as Error).message }, 'accounts file not reloaded: keeping the previous accounts');
    }
  };
  watchFile(path, { interval: pollMs, persistent: false }, reload);

  return {
    kind: 'file',
    async checkPassword(username, password) {
      const user = accounts.users.find((candidate) => candidate.username === username);
      const matches = await verifySecret(password, user?.passwordHash ?? DUMMY_HASH);
      return user && matches ? user.role : null;
    },
    async device(key) {
      const digest = digestOf(key);
      const proven = provenKeys.get(digest);
      if (proven) return proven;
      const parts = splitDeviceKey(key);
      const account = parts && accounts.devices.find((device) => device.id === parts.id);
      if (!account || !(await verifySecret(key, account.keyHash))) return null;
      const device: Device = { id: account.id, gates: scopeOf(account.gates), stands: scopeOf(account.stands), signingSecret: account.signingSecret };
      provenKeys.set(digest, device);
      return device;
    },
    roleOf: (username) => accounts.users.find((user) => user.username === username)?.role ?? null,
    users: () => accounts.users.map(({ username, role }) => ({ username, role })),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => unwatchFile(path, reload),
  };
}
