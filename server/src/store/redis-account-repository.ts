import type { DeviceAccount, UserAccount } from '../auth/accounts-file.ts';
import type { Session } from '../auth/sessions.ts';
import type { AccountRepository, StoredSession } from './account-repository.ts';
import type { RedisAccess } from './redis-access.ts';
import type { StoreChange } from './store.ts';

const ACCOUNTS_CHANGED = JSON.stringify({ kind: 'accounts' } satisfies StoreChange);

/** Users and devices in two hashes (JSON by name and id); sessions are the store's `session:<digest>` keys. */
export class RedisAccountRepository implements AccountRepository {
  constructor(private readonly redis: RedisAccess) {}

  private key(name: string): string {
    return `${this.redis.prefix}${name}`;
  }

  private async list<T>(hash: string): Promise<T[]> {
    const all = await this.redis.guard(() => this.redis.client.hVals(this.key(hash)));
    return all.map((json) => JSON.parse(json) as T);
  }

  private async get<T>(hash: string, field: string): Promise<T | null> {
    const json = await this.redis.guard(() => this.redis.client.hGet(this.key(hash), field));
    return json ? (JSON.parse(json) as T) : null;
  }

  /** Sets a field (only when absent, if asked) and announces the change, in one transaction. */
  private async put(hash: string, field: string, value: unknown, onlyIfAbsent: boolean): Promise<boolean> {
    const json = JSON.stringify(value);
    if (onlyIfAbsent) {
      const [set] = (await this.redis.guard(() => this.redis.client.multi().hSetNX(this.key(hash), field, json).publish(this.redis.channel, ACCOUNTS_CHANGED).exec())) as unknown as [number | boolean];
      return set === 1 || set === true;
    }
    await this.redis.guard(() => this.redis.client.multi().hSet(this.key(hash), field, json).publish(this.redis.channel, ACCOUNTS_CHANGED).exec());
    return true;
  }

  private async remove(hash: string, field: string): Promise<boolean> {
    const [deleted] = (await this.redis.guard(() => this.redis.client.multi().hDel(this.key(hash), field).publish(this.redis.channel, ACCOUNTS_CHANGED).exec())) as unknown as [number];
    return deleted === 1;
  }

  listUsers = () => this.list<UserAccount>('users');
  getUser = (username: string) => this.get<UserAccount>('users', username);
  putUser = (user: UserAccount, options: { onlyIfAbsent?: boolean } = {}) => this.put('users', user.username, user, options.onlyIfAbsent === true);
  deleteUser = (username: string) => this.remove('users', username);
  listDevices = () => this.list<DeviceAccount>('devices');
  getDevice = (id: string) => this.get<DeviceAccount>('devices', id);
  putDevice = (device: DeviceAccount, options: { onlyIfAbsent?: boolean } = {}) => this.put('devices', device.id, device, options.onlyIfAbsent === true);
  deleteDevice = (id: string) => this.remove('devices', id);

  async listSessions(): Promise<StoredSession[]> {
    const prefix = this.key('session:');
    return this.redis.guard(async () => {
      const keys: string[] = [];
      for await (const page of this.redis.client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) keys.push(...page);
      if (!keys.length) return [];
      const values = await this.redis.client.mGet(keys);
      const sessions: StoredSession[] = [];
      keys.forEach((key, i) => {
        const json = values[i];
        if (json) sessions.push({ tokenDigest: key.slice(prefix.length), session: JSON.parse(json) as Session });
      });
      return sessions;
    });
  }

  async revokeSessionByDigest(tokenDigest: string): Promise<void> {
    const change: StoreChange = { kind: 'session-revoked', tokenDigest };
    await this.redis.guard(() => this.redis.client.multi().del(this.key(`session:${tokenDigest}`)).publish(this.redis.channel, JSON.stringify(change)).exec());
  }
}
