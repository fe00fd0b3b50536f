import type { Logger } from '../log.ts';
import type { AccountRepository } from '../store/account-repository.ts';
import type { DeviceAccount, UserAccount } from './accounts-file.ts';
import { ALL_DEMO_DEVICE, DUMMY_HASH, FAILED_KEY_TTL_MS, FAILED_KEYS_MAX, scopeOf, splitDeviceKey, stampOf, type Credentials, type Device, type StaffAccount } from './credentials.ts';
import { FailedKeys } from './failed-keys.ts';
import { digestOf, secretsEqual, verifySecret } from './secrets.ts';

export interface StoreCredentialsOptions {
  /** The slow check (scrypt); tests count its calls. */
  verify?: (secret: string, storedHash: string) => Promise<boolean>;
  nowMs?: () => number;
  /** The demo's shared device key (outside production only): valid for every gate and stand. */
  demoDeviceKey?: string;
  /** The hash spent on unknown names and ids: by default one as costly as real ones (the demo's is lighter). */
  dummyHash?: string;
}

/** Credentials read from the store, with `invalidate()` for the store's `accounts` change. */
export type StoreCredentials = Credentials & Required<Pick<Credentials, 'invalidate' | 'settled' | 'refreshAccount'>>;

/**
 * Staff accounts and device keys from the store (issue 16), shared by every instance. A copy is kept
 * in memory (the session checks of every socket read it every second) and re-read at every `accounts`
 * change on the store's bus; a name or a device id this copy lacks is asked of the store before the
 * slow check, so an account made on another instance works here at once. The protections of the file
 * credentials hold: one scrypt per key (proven keys remembered), wrong keys answered from memory,
 * a dummy hash for unknown names and ids, the rate-limit charge before any scrypt.
 */
export async function storeCredentials(accounts: AccountRepository, logger: Logger, options: StoreCredentialsOptions = {}): Promise<StoreCredentials> {
  const verify = options.verify ?? verifySecret;
  const dummyHash = options.dummyHash ?? DUMMY_HASH;
  let users = new Map<string, UserAccount>();
  let devices = new Map<string, DeviceAccount>();
  let enabled = new Map<string, StaffAccount>();
  let provenKeys = new Map<string, Device>();
  let failedKeys = new FailedKeys(FAILED_KEY_TTL_MS, FAILED_KEYS_MAX, options.nowMs);
  const listeners = new Set<() => void>();
  const staffOf = (user: UserAccount): StaffAccount => ({ username: user.username, role: user.role, stamp: stampOf(user) });

  /** Puts one user as read from the store into the copy (null: gone). */
  const noteUser = (username: string, user: UserAccount | null) => {
    if (user) users.set(username, user);
    else users.delete(username);
    if (user && !user.disabled) enabled.set(username, staffOf(user));
    else enabled.delete(username);
  };

  const forgetKeys = () => {
    provenKeys = new Map();
    failedKeys = new FailedKeys(FAILED_KEY_TTL_MS, FAILED_KEYS_MAX, options.nowMs);
  };

  const load = async () => {
    const [userList, deviceList] = await Promise.all([accounts.listUsers(), accounts.listDevices()]);
    users = new Map(userList.map((user) => [user.username, user]));
    enabled = new Map(userList.filter((user) => !user.disabled).map((user) => [user.username, staffOf(user)]));
    devices = new Map(deviceList.map((device) => [device.id, device]));
    forgetKeys();
    for (const listener of listeners) listener();
  };

  await load();
  let pending: Promise<void> = Promise.resolve();
  const reload = () => {
    // Keys proven before the change are not trusted past it, even while the new copy is read.
    forgetKeys();
    pending = pending.then(load).catch((error: unknown) => {
      logger.error({ err: String(error) }, 'accounts not re-read from the store: keeping the previous copy');
    });
  };

  return {
    kind: 'store',
    async checkPassword(username, password) {
      await pending;
      let user = users.get(username);
      if (!user) {
        user = (await accounts.getUser(username)) ?? undefined;
        if (user) noteUser(username, user);
      }
      const matches = await verify(password, user?.passwordHash ?? dummyHash);
      return matches && user && !user.disabled ? staffOf(user) : null;
    },
    async device(key, beforeSlowCheck) {
      if (options.demoDeviceKey !== undefined && secretsEqual(key, options.demoDeviceKey)) return ALL_DEMO_DEVICE;
      const parts = splitDeviceKey(key);
      if (!parts) return null; // not shaped like a device key (a session token): nothing to check
      await pending;
      const digest = digestOf(key);
      const proven = provenKeys.get(digest);
      if (proven) return proven;
      if (failedKeys.has(digest)) return null;
      await beforeSlowCheck?.();
      // A change during the check replaces these: what is learnt here is not carried past it.
      const [proving, failing] = [provenKeys, failedKeys];
      const account = devices.get(parts.id) ?? (await accounts.getDevice(parts.id)) ?? undefined;
      const matches = await verify(key, account?.keyHash ?? dummyHash);
      if (!account || !matches) {
        failing.add(digest);
        return null;
      }
      const device: Device = { id: account.id, gates: scopeOf(account.gates), stands: scopeOf(account.stands), signingSecret: account.signingSecret };
      proving.set(digest, device);
      return device;
    },
    account: (username) => enabled.get(username) ?? null,
    roleOf: (username) => enabled.get(username)?.role ?? null,
    users: () => [...enabled.values()].map(({ username, role }) => ({ username, role })),
    async refreshAccount(username) {
      await pending;
      noteUser(username, await accounts.getUser(username));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    invalidate: reload,
    settled: () => pending,
    close: () => listeners.clear(),
  };
}
