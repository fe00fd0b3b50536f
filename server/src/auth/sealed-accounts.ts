import type { AccountRepository } from '../store/account-repository.ts';
import type { DeviceAccount, UserAccount } from './accounts-file.ts';
import { macOf, secretsEqual } from './secrets.ts';

type Sealed<T> = T & { seal?: unknown };

/** The record's fields in a fixed order (keys sorted, the seal left out), as the MAC reads them. */
function canonical(kind: string, record: object): string {
  const fields = Object.entries(record).filter(([name, value]) => name !== 'seal' && value !== undefined);
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([`fairwatch-${kind}-v1`, fields]);
}

/**
 * Users and device keys in a shared store (Redis) carry a MAC keyed by SESSION_SECRET: a record that
 * someone with write access to Redis but without the secret wrote (an admin of their own, a device key
 * of their own) is not an account; `onIgnored` says so (forged, written before sealing, or sealed with
 * another SESSION_SECRET). Seeding from ACCOUNTS_FILE (onlyIfAbsent) replaces such records with sealed
 * ones, so that the file's accounts survive a new SESSION_SECRET; the dashboard's must be made again.
 */
export class SealedAccountRepository implements AccountRepository {
  constructor(
    private readonly inner: AccountRepository,
    private readonly secret: string,
    private readonly onIgnored: (kind: 'user' | 'device', name: string) => void = () => undefined,
  ) {}

  private seal<T extends object>(kind: string, record: T): Sealed<T> {
    return { ...record, seal: macOf(this.secret, canonical(kind, record)) };
  }

  /** The record without its seal when the seal is right, else null. */
  private open<T extends object>(kind: 'user' | 'device', name: string, record: Sealed<T> | null): T | null {
    if (!record) return null;
    const { seal, ...fields } = record;
    if (typeof seal === 'string' && secretsEqual(seal, macOf(this.secret, canonical(kind, fields)))) return fields as T;
    this.onIgnored(kind, name);
    return null;
  }

  /** onlyIfAbsent takes a record that does not open with this key as absent: it is replaced. */
  private async put<T extends object>(kind: 'user' | 'device', name: string, record: T, existing: Sealed<T> | null, onlyIfAbsent: boolean, write: (record: Sealed<T>, onlyIfAbsent: boolean) => Promise<boolean>): Promise<boolean> {
    const replace = onlyIfAbsent && existing !== null && this.open(kind, name, existing) === null;
    return write(this.seal(kind, record), onlyIfAbsent && !replace);
  }

  async listUsers(): Promise<UserAccount[]> {
    return (await this.inner.listUsers()).flatMap((user) => this.open<UserAccount>('user', user.username, user) ?? []);
  }

  async getUser(username: string): Promise<UserAccount | null> {
    return this.open<UserAccount>('user', username, await this.inner.getUser(username));
  }

  async putUser(user: UserAccount, options: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    const existing = options.onlyIfAbsent ? await this.inner.getUser(user.username) : null;
    return this.put('user', user.username, user, existing, options.onlyIfAbsent === true, (sealed, onlyIfAbsent) => this.inner.putUser(sealed, { onlyIfAbsent }));
  }

  deleteUser = (username: string) => this.inner.deleteUser(username);

  async listDevices(): Promise<DeviceAccount[]> {
    return (await this.inner.listDevices()).flatMap((device) => this.open<DeviceAccount>('device', device.id, device) ?? []);
  }

  async getDevice(id: string): Promise<DeviceAccount | null> {
    return this.open<DeviceAccount>('device', id, await this.inner.getDevice(id));
  }

  async putDevice(device: DeviceAccount, options: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    const existing = options.onlyIfAbsent ? await this.inner.getDevice(device.id) : null;
    return this.put('device', device.id, device, existing, options.onlyIfAbsent === true, (sealed, onlyIfAbsent) => this.inner.putDevice(sealed, { onlyIfAbsent }));
  }

  deleteDevice = (id: string) => this.inner.deleteDevice(id);
  listSessions = () => this.inner.listSessions();
  revokeSessionByDigest = (tokenDigest: string) => this.inner.revokeSessionByDigest(tokenDigest);
}
