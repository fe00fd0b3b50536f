import type { RedisClientType } from 'redis';
import type { LuaScript } from './redis-scripts.ts';

/** What a Redis-backed repository needs of the store: its client, key prefix, guard (deadline, 503) and scripts. */
export interface RedisAccess {
  client: RedisClientType;
  prefix: string;
  guard<T>(work: () => Promise<T>): Promise<T>;
  /** Publishes a change on the store's bus (every instance, this one included, hears it). */
  channel: string;
  /** Runs a Lua script by its SHA (reloaded after a Redis restart), under the guard. */
  script<T>(script: LuaScript, args: string[]): Promise<T>;
  /** The approximate most entries of the durable log stream, as the scripts take it. */
  logMax: string;
}
