import type { DeviceAccount, UserAccount } from '../auth/accounts-file.ts';
import { digestOf } from '../auth/secrets.ts';
import type { Session } from '../auth/sessions.ts';
import type { AccountRepository, StoredSession } from './account-repository.ts';
import type { StoreChange } from './store.ts';

/** The embedded store's accounts: this process's memory; sessions are the store's own map (by token). */
export class MemoryAccountRepository implements AccountRepository {
  private readonly users = new Map<string, UserAccount>();
  private readonly devices = new Map<string, DeviceAccount>();

  constructor(
    private readonly sessions: Map<string, Session>,
    private readonly publish: (change: StoreChange) => void,
  ) {}

  async listUsers(): Promise<UserAccount[]> {
    return [...this.users.values()].map((user) => ({ ...user }));
  }

  async getUser(username: string): Promise<UserAccount | null> {
    const user = this.users.get(username);
    return user ? { ...user } : null;
  }

  async putUser(user: UserAccount, options: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    if (options.onlyIfAbsent && this.users.has(user.username)) return false;
    this.users.set(user.username, { ...user });
    this.publish({ kind: 'accounts' });
    return true;
  }

  async deleteUser(username: string): Promise<boolean> {
    const deleted = this.users.delete(username);
    if (deleted) this.publish({ kind: 'accounts' });
    return deleted;
  }

  async listDevices(): Promise<DeviceAccount[]> {
    return [...this.devices.values()].map((device) => structuredClone(device));
  }

  async getDevice(id: string): Promise<DeviceAccount | null> {
    const device = this.devices.get(id);
    return device ? structuredClone(device) : null;
  }

  async putDevice(device: DeviceAccount, options: { onlyIfAbsent?: boolean } = {}): Promise<boolean> {
    if (options.onlyIfAbsent && this.devices.has(device.id)) return false;
    this.devices.set(device.id, structuredClone(device));
    this.publish({ kind: 'accounts' });
    return true;
  }

  async deleteDevice(id: string): Promise<boolean> {
    const deleted = this.devices.delete(id);
    if (deleted) this.publish({ kind: 'accounts' });
    return deleted;
  }

  async listSessions(): Promise<StoredSession[]> {
    const now = Date.now();
    return [...this.sessions].filter(([, session]) => session.expiresAt > now).map(([token, session]) => ({ tokenDigest: digestOf(token), session }));
  }

  async revokeSessionByDigest(tokenDigest: string): Promise<void> {
    for (const token of this.sessions.keys()) if (digestOf(token) === tokenDigest) this.sessions.delete(token);
    this.publish({ kind: 'session-revoked', tokenDigest });
  }
}
