import type { RedisAccess } from './redis-access.ts';
import type { StoreChange } from './store.ts';
import { summaryOf, type StoredImage, type StoredVenueVersion, type VenueRepository, type VenueVersionSummary } from './venue-repository.ts';

/**
 * Compare-and-set of the current version: stores the version and its summary, makes it current and
 * announces it, only if the current version is still ARGV[2]. KEYS none (one slot: the {fw} prefix).
 * ARGV: prefix, basedOn, version, record JSON, summary JSON, change JSON, channel.
 */
const APPEND_VERSION = `
local prefix = ARGV[1]
local current = tonumber(redis.call('GET', prefix .. 'venue:current') or '0')
if current ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', prefix .. 'venue:versions', ARGV[3], ARGV[4])
redis.call('HSET', prefix .. 'venue:summaries', ARGV[3], ARGV[5])
redis.call('SET', prefix .. 'venue:current', ARGV[3])
redis.call('PUBLISH', ARGV[7], ARGV[6])
return 1
`;

/** Venue versions in two hashes (whole venues, summaries) and plan images in a third, as base64. */
export class RedisVenueRepository implements VenueRepository {
  constructor(private readonly redis: RedisAccess) {}

  private key(name: string): string {
    return `${this.redis.prefix}venue:${name}`;
  }

  async currentVersion(): Promise<number> {
    return Number((await this.redis.guard(() => this.redis.client.get(this.key('current')))) ?? 0);
  }

  async appendVersion(basedOn: number, record: StoredVenueVersion): Promise<boolean> {
    if (record.version !== basedOn + 1) return false;
    const change: StoreChange = { kind: 'venue', version: record.version };
    const args = [this.redis.prefix, String(basedOn), String(record.version), JSON.stringify(record), JSON.stringify(summaryOf(record)), JSON.stringify(change), this.redis.channel];
    const stored = await this.redis.guard(() => this.redis.client.sendCommand<number>(['EVAL', APPEND_VERSION, '0', ...args]));
    return stored === 1;
  }

  async readVersion(version: number): Promise<StoredVenueVersion | null> {
    const json = await this.redis.guard(() => this.redis.client.hGet(this.key('versions'), String(version)));
    return json ? (JSON.parse(json) as StoredVenueVersion) : null;
  }

  async listVersions(limit: number): Promise<VenueVersionSummary[]> {
    const all = await this.redis.guard(() => this.redis.client.hVals(this.key('summaries')));
    return all.map((json) => JSON.parse(json) as VenueVersionSummary).sort((a, b) => b.version - a.version).slice(0, limit);
  }

  async dropVersionsBelow(version: number): Promise<void> {
    const numbers = await this.redis.guard(() => this.redis.client.hKeys(this.key('summaries')));
    const old = numbers.filter((n) => Number(n) < version);
    if (old.length) await this.redis.guard(() => this.redis.client.multi().hDel(this.key('versions'), old).hDel(this.key('summaries'), old).exec());
  }

  async putImage(sha256: string, image: StoredImage): Promise<void> {
    await this.redis.guard(() => this.redis.client.hSet(this.key('images'), sha256, `${image.type};${image.data.toString('base64')}`));
  }

  async getImage(sha256: string): Promise<StoredImage | null> {
    const stored = await this.redis.guard(() => this.redis.client.hGet(this.key('images'), sha256));
    if (!stored) return null;
    const separator = stored.indexOf(';');
    return { type: stored.slice(0, separator), data: Buffer.from(stored.slice(separator + 1), 'base64') };
  }

  async countImages(): Promise<number> {
    return this.redis.guard(() => this.redis.client.hLen(this.key('images')));
  }
}
