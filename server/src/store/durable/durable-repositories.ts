import type { Database } from 'lmdb';
import type { DeviceAccount, UserAccount } from '../../auth/accounts-file.ts';
import type { Session } from '../../auth/sessions.ts';
import type { AccountRepository, StoredSession } from '../account-repository.ts';
import { summaryOf, type StoredImage, type StoredVenueVersion, type VenueRepository, type VenueVersionSummary } from '../venue-repository.ts';
import type { DurableParts } from './durable-parts.ts';

/**
 * The durable store's venue versions and floor-plan images (issue 16), on disk only: a version is read
 * when asked, the current number is kept in memory (loaded at start, see durable-store.ts). Resolves
 * after the write is synced, as every operation of the durable store.
 */
export class DurableVenueRepository implements VenueRepository {
  constructor(
    private readonly parts: DurableParts,
    private readonly versions: Database,
    private readonly images: Database,
    private readonly state: Database,
    private readonly currentKey: string,
  ) {}

  private current = 0;

  /** Reads the current number from disk (start-up, or after a failed commit). */
  reload(): void {
    this.current = (this.state.get(this.currentKey) as number | undefined) ?? 0;
  }

  async currentVersion(): Promise<number> {
    return this.current;
  }

  async appendVersion(basedOn: number, record: StoredVenueVersion): Promise<boolean> {
    this.parts.writable();
    if (this.current !== basedOn || record.version !== basedOn + 1) return false;
    // Taken now, in memory: a second publish on the same base is refused even before this one is on disk.
    this.current = record.version;
    this.parts.writer.put(this.versions, record.version, structuredClone(record));
    this.parts.writer.put(this.state, this.currentKey, record.version);
    await this.parts.commit();
    this.parts.publish({ kind: 'venue', version: record.version });
    return true;
  }

  async readVersion(version: number): Promise<StoredVenueVersion | null> {
    await this.parts.commit();
    return (this.versions.get(version) as StoredVenueVersion | undefined) ?? null;
  }

  async listVersions(limit: number): Promise<VenueVersionSummary[]> {
    await this.parts.commit();
    return [...this.versions.getRange({ reverse: true, limit })].map(({ value }) => summaryOf(value as StoredVenueVersion));
  }

  async dropVersionsBelow(version: number): Promise<void> {
    this.parts.writable();
    for (const key of this.versions.getKeys({ end: version })) this.parts.writer.remove(this.versions, key);
    await this.parts.commit();
  }

  async putImage(sha256: string, image: StoredImage): Promise<void> {
    this.parts.writable();
    this.parts.writer.put(this.images, sha256, { type: image.type, data: Buffer.from(image.data) });
    await this.parts.commit();
  }

  async getImage(sha256: string): Promise<StoredImage | null> {
    await this.parts.commit();
    const image = this.images.get(sha256) as { type: string; data: Uint8Array } | undefined;
    return image ? { type: image.type, data: Buffer.from(image.data) } : null;
  }

  async countImages(): Promise<number> {
    await this.parts.commit();
    return (this.images.getStats() as { entryCount: number }).entryCount;
  }
}

type AccountKind = 'user' | 'device';

/**
 * The durable store's staff accounts and device keys (issue 16), on disk (`[kind, name]` keys); the
 * sessions are the store's own (kept by their token's digest). Every write announces `accounts`.
 */
export class DurableAccountRepository implements AccountRepository {
  constructor(
    private readonly parts: DurableParts,
    private readonly accounts: Database,
    private readonly sessions: {
      list(): Array<[digest: string, session: Session]>;
      revoke(digest: string): void;
    },
  ) {}

  private async list<T>(kind: AccountKind): Promise<T[]> {
    await this.parts.commit();
    return [...this.accounts.getRange({ start: [kind], end: [kind, '\uffff'] })].map(({ value }) => value as T);
  }

  private async get<T>(kind: AccountKind, name: string): Promise<T | null> {
    await this.parts.commit();
    return (this.accounts.get([kind, name]) as T | undefined) ?? null;
  }

  private async put(kind: AccountKind, name: string, value: unknown, onlyIfAbsent: boolean): Promise<boolean> {
    this.parts.writable();
    const mark = `account\n${kind}\n${name}`;
    if (onlyIfAbsent && (this.parts.writer.marked(mark) || this.accounts.doesExist([kind, name]))) {
      await this.parts.commit();
      return false;
    }
    this.parts.writer.mark(mark);
    this.parts.writer.put(this.accounts, [kind, name], structuredClone(value));
    await this.parts.commit();
    this.parts.publish({ kind: 'accounts' });
    return true;
  }

  private async remove(kind: AccountKind, name: string): Promise<boolean> {
    this.parts.writable();
    await this.parts.commit();
    if (!this.accounts.doesExist([kind, name])) return false;
    this.parts.writer.remove(this.accounts, [kind, name]);
    await this.parts.commit();
    this.parts.publish({ kind: 'accounts' });
    return true;
  }

  listUsers = () => this.list<UserAccount>('user');
  getUser = (username: string) => this.get<UserAccount>('user', username);
  putUser = (user: UserAccount, options: { onlyIfAbsent?: boolean } = {}) => this.put('user', user.username, user, options.onlyIfAbsent === true);
  deleteUser = (username: string) => this.remove('user', username);
  listDevices = () => this.list<DeviceAccount>('device');
  getDevice = (id: string) => this.get<DeviceAccount>('device', id);
  putDevice = (device: DeviceAccount, options: { onlyIfAbsent?: boolean } = {}) => this.put('device', device.id, device, options.onlyIfAbsent === true);
  deleteDevice = (id: string) => this.remove('device', id);

  async listSessions(): Promise<StoredSession[]> {
    const now = Date.now();
    return this.sessions.list().filter(([, session]) => session.expiresAt > now).map(([tokenDigest, session]) => ({ tokenDigest, session }));
  }

  async revokeSessionByDigest(tokenDigest: string): Promise<void> {
    this.parts.writable();
    this.sessions.revoke(tokenDigest);
    await this.parts.commit();
    this.parts.publish({ kind: 'session-revoked', tokenDigest });
  }
}
