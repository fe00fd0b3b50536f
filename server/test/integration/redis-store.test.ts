import { describe, expect, it } from 'vitest';
import { openIncident } from '../../src/domain/incident-workflow.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { StoreUnavailableError, type StoreChange } from '../../src/store/store.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { redisStoreOptions } from '../support/store-backends.ts';
import { checkin, context, count, DAY, door, NOW } from '../support/store-reports.ts';

// What only the Redis store faces: Redis going away, data of an earlier version, other instances.
// Its repositories' contracts run with the other stores' (repositories/).
const withRedis = redisAvailable();

describe.runIf(withRedis)('the Redis store when Redis fails', () => {
  it('rejects writes quickly as unavailable while Redis is down, and works again when it is back', async () => {
    const own = await TestRedis.start({ persistent: true });
    const store = await RedisStore.connect(redisStoreOptions(own.url));
    try {
      await store.ingestCounts([count(door, 7, 0, 'before-outage')], context());
      await own.kill();
      const started = Date.now();
      await expect(store.ingestCounts([count(door, 1, 0)], context())).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1_500);
      await own.startProcess();
      await expect.poll(async () => store.ping().then(() => true, () => false), { timeout: 10_000 }).toBe(true);
      // Persistence kept what was accepted before the outage.
      expect((await store.readFloor(DAY, NOW)).occupancy.hall).toBe(7);
      expect(await store.ingestCounts([count(door, 7, 0, 'before-outage')], context())).toEqual({ accepted: 0, duplicates: 1 });
    } finally {
      await store.close();
      await own.stop();
    }
  });
});

describe.runIf(withRedis)('the Redis store after an upgrade', () => {
  it('still counts once the reports an earlier version remembered one key per id', async () => {
    const own = await TestRedis.start();
    const options = redisStoreOptions(own.url);
    const before = await RedisStore.connect(options);
    const client = (before as unknown as { client: { sendCommand(args: string[]): Promise<unknown> } }).client;
    await client.sendCommand(['SET', '{fw}:seen:count:old:1', '1', 'EX', '3600']);
    await client.sendCommand(['SET', '{fw}:seen:checkin:old-2', '1', 'EX', '3600']);
    await before.close();
    const store = await RedisStore.connect(options);
    try {
      const now = { nowMs: Date.now(), nowIso: new Date().toISOString(), today: DAY };
      expect(await store.ingestCounts([count(door, 1, 0, 'old:1'), count(door, 1, 0, 'new-1')], now)).toEqual({ accepted: 1, duplicates: 1 });
      expect(await store.ingestCheckins([checkin('S1', NOW, 'old-2')], now)).toEqual({ accepted: 0, duplicates: 1 });
      expect((await store.rawStats()).ids).toBe(3);
    } finally {
      await store.close();
      await own.stop();
    }
  });
});

describe.runIf(withRedis)('instances sharing one Redis', () => {
  it('replays from the durable log the incidents published while a subscriber was away', async () => {
    const own = await TestRedis.start();
    const options = redisStoreOptions(own.url);
    const [a, b] = await Promise.all([RedisStore.connect(options), RedisStore.connect(options)]);
    try {
      const heardByA: StoreChange[] = [];
      a.onChange((change) => heardByA.push(change));
      const incident = openIncident({ id: '3e0f5d7c-8a1b-4c2d-9e3f-4a5b6c7d8e9f', type: 'security', severity: 'medium', description: 'Bagarre' }, 'security', context().nowIso);
      // Pipelined on b's connection: every subscriber is cut off, then the incident is published to nobody.
      const killed = (b as unknown as { client: { sendCommand(args: string[]): Promise<unknown> } }).client.sendCommand(['CLIENT', 'KILL', 'TYPE', 'pubsub']);
      const created = b.createIncident(incident, 'fp');
      await Promise.all([killed, created]);
      await expect.poll(() => heardByA.filter((change) => change.kind === 'incident'), { timeout: 5_000 }).toEqual([{ kind: 'incident', incident }]);
      // And live messages still flow afterwards, once each.
      await b.ingestCounts([count(door, 1, 0)], context());
      await expect.poll(() => heardByA.filter((change) => change.kind === 'floor').length).toBeGreaterThanOrEqual(2);
      expect(heardByA.filter((change) => change.kind === 'incident')).toHaveLength(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await own.stop();
    }
  });
});
