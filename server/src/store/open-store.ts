import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { DurableStore } from './durable-store.ts';
import { EmbeddedStore } from './embedded-store.ts';
import { RedisStore } from './redis-store.ts';
import type { Store } from './store.ts';

/** Redis when REDIS_URL is set; otherwise the durable embedded store in DATA_DIR (in memory for `:memory:`, tests only). */
export async function openStore(config: Config, logger: Logger): Promise<Store> {
  if (!config.redisUrl) {
    if (config.dataDir === null) {
      logger.warn('DATA_DIR=:memory: nothing is kept when the server stops (tests only)');
      return new EmbeddedStore({ idTtlSeconds: config.idempotencyTtlSeconds });
    }
    const openingAt = performance.now();
    const store = await DurableStore.open({
      dataDir: config.dataDir,
      idTtlSeconds: config.idempotencyTtlSeconds,
      onError: (error) => logger.error({ err: error instanceof Error ? error.message : String(error), dataDir: config.dataDir }, 'a commit to DATA_DIR failed: the writes it held were refused (503) and the state was reloaded from disk'),
    });
    logger.info({ dataDir: config.dataDir, openMs: Math.round(performance.now() - openingAt) }, 'embedded store on disk');
    return store;
  }
  return RedisStore.connect({
    url: config.redisUrl,
    idTtlSeconds: config.idempotencyTtlSeconds,
    logMaxEntries: config.logMaxEntries,
    commandTimeoutMs: config.redisTimeoutMs,
    logger,
    accountSeal: config.sessionSecret.value,
  });
}
