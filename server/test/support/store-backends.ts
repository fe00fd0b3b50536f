import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createClient } from 'redis';
import { afterAll } from 'vitest';
import { DurableStore } from '../../src/store/durable-store.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { RedisStore, type RedisStoreOptions } from '../../src/store/redis-store.ts';
import type { Store } from '../../src/store/store.ts';
import { redisAvailable, TestRedis } from './redis-server.ts';

export interface StoreBackend {
  name: 'embedded' | 'durable' | 'redis';
  /** A store with nothing in it, as at a first start. */
  open(): Promise<Store>;
}

/** What the Redis store is connected with in these tests (a one-hour id memory, a short command timeout). */
export function redisStoreOptions(url: string): RedisStoreOptions {
  return { url, idTtlSeconds: 3600, logMaxEntries: 10_000, commandTimeoutMs: 1_000, logger: pino({ level: 'silent' }) };
}

/**
 * Every store backend, for a repository's contract suite: the in-memory one, the durable one (a fresh
 * data directory per store) and Redis (a redis-server of this test file's own, emptied per store),
 * the last only where redis-server exists (never skipped in CI). Call it at the top of a test file:
 * it removes the directories and stops the server after the file's tests.
 */
export function storeBackends(): StoreBackend[] {
  let redis: TestRedis | null = null;
  const dataDirs: string[] = [];
  afterAll(async () => {
    await redis?.stop();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });
  const backends: StoreBackend[] = [
    { name: 'embedded', open: async () => new EmbeddedStore({ idTtlSeconds: 3600 }) },
    {
      name: 'durable',
      async open() {
        const dir = mkdtempSync(join(tmpdir(), 'fairwatch-contract-'));
        dataDirs.push(dir);
        return DurableStore.open({ dataDir: dir, idTtlSeconds: 3600 });
      },
    },
  ];
  if (redisAvailable()) {
    backends.push({
      name: 'redis',
      async open() {
        redis ??= await TestRedis.start();
        // Emptied before the store connects: it starts from the log's newest entry, as after a restart.
        const client = createClient({ url: redis.url });
        await client.connect();
        await client.flushAll();
        await client.quit();
        return RedisStore.connect(redisStoreOptions(redis.url));
      },
    });
  }
  return backends;
}
