import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { EmbeddedStore } from './embedded-store.ts';
import { RedisStore } from './redis-store.ts';
import type { Store } from './store.ts';

/** Redis when REDIS_URL is set, the embedded store otherwise. */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (!config.redisUrl) return new EmbeddedStore({ idTtlSeconds: config.idempotencyTtlSeconds });
  return RedisStore.connect({
    url: config.redisUrl,
    idTtlSeconds: config.idempotencyTtlSeconds,
    logMaxEntries: config.logMaxEntries,
    commandTimeoutMs: config.redisTimeoutMs,
    logger,
  });
}
