import type { RedisClientType } from 'redis';

/** What a Redis-backed repository needs of the store: its client, key prefix and guard (deadline, 503). */
export interface RedisAccess {
  client: RedisClientType;
  prefix: string;
  guard<T>(work: () => Promise<T>): Promise<T>;
  /** Publishes a change on the store's bus (every instance, this one included, hears it). */
  channel: string;
}
