import { redisAvailable, TestRedis } from './redis-server.ts';
import { startServer, type ServerProcess } from './server-process.ts';

export interface Mode {
  name: 'embedded' | 'redis';
  /** Starts a server in this mode (Redis mode: with a redis-server of its own). */
  start(env?: Record<string, string>): Promise<{ server: ServerProcess; redis: TestRedis | null; stop(): Promise<void> }>;
}

const embedded: Mode = {
  name: 'embedded',
  async start(env = {}) {
    const server = await startServer({ env });
    return { server, redis: null, stop: () => server.stop() };
  },
};

const redis: Mode = {
  name: 'redis',
  async start(env = {}) {
    const store = await TestRedis.start();
    const server = await startServer({ env: { REDIS_URL: store.url, ...env } });
    return {
      server,
      redis: store,
      async stop() {
        await server.stop();
        await store.stop();
      },
    };
  },
};

/** Both store modes; the Redis one only where redis-server exists (never skipped in CI). */
export const storeModes: Mode[] = redisAvailable() ? [embedded, redis] : [embedded];
