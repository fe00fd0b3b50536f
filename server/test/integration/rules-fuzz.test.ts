import { createClient } from 'redis';
import { afterAll, expect, it } from 'vitest';
import { pino } from 'pino';
import type { DayTimeline, Incident } from '@fairwatch/protocol';
import type { FloorState } from '../../src/domain/floor-state.ts';
import { dayTimeline, floorStateOf, replayUntil, type LogEntry } from '../../src/domain/replay.ts';
import { emptyRollup, type DayRollup } from '../../src/domain/rollups.ts';
import { venueHour } from '@fairwatch/venue/venue-time';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableStore } from '../../src/store/durable-store.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import type { Store } from '../../src/store/store.ts';
import { FuzzSteps, type FuzzStep } from '../support/rules-fuzz-steps.ts';
import { fuzzSeed, SeededRandom } from '../support/seeded-random.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { replayRollups } from '../support/replay-rollups.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

/**
 * One rule set, three implementations: the embedded store (domain TypeScript), the Redis store (Lua)
 * and the replay fold of the durable log (replay.ts, which also draws the day's charts). Random
 * writes go to every store; after each one, floors, roll-ups and logs must be equal, the replay of
 * the log must give the same floor, and the day's timeline must add up to the roll-ups.
 */
const SEED = fuzzSeed(20_221_015);
const STEPS = Number(process.env.FUZZ_STEPS ?? 160);
const venue = tinyVenue;
// 21:30 in Casablanca (UTC+1 in October): the run crosses the venue's midnight.
const START_MS = Date.parse('2022-10-15T20:30:00.000Z');

const logger = pino({ level: 'silent' });
let redis: TestRedis | null = null;
const dataDirs: string[] = [];
afterAll(async () => {
  await redis?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

async function openStores(): Promise<Array<{ name: string; store: Store }>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fairwatch-fuzz-'));
  dataDirs.push(dataDir);
  const stores: Array<{ name: string; store: Store }> = [
    { name: 'embedded', store: new EmbeddedStore({ idTtlSeconds: 30 * 24 * 3600 }) },
    { name: 'durable', store: await DurableStore.open({ dataDir, idTtlSeconds: 30 * 24 * 3600 }) },
  ];
  if (redisAvailable()) {
    redis = await TestRedis.start();
    const client = createClient({ url: redis.url });
    await client.connect();
    await client.flushAll();
    await client.quit();
    stores.push({ name: 'redis', store: await RedisStore.connect({ url: redis.url, idTtlSeconds: 30 * 24 * 3600, logMaxEntries: 100_000, commandTimeoutMs: 5_000, logger }) });
  }
  return stores;
}

async function apply(store: Store, step: FuzzStep): Promise<unknown> {
  switch (step.kind) {
    case 'counts':
      return store.ingestCounts(step.batch, step.context);
    case 'checkins':
      return store.ingestCheckins(step.batch, step.context);
    case 'recount':
      return store.recountZone(step.zone, step.count, { ...step.context, by: 'fuzz' });
    case 'create-incident':
      return store.createIncident(step.incident, `fp-${step.incident.id}`);
    case 'replace-incident':
      return store.replaceIncident(step.expected, step.next, step.step);
    case 'closing-reset': {
      const floor = await store.readFloor(step.context.today, step.context.nowMs);
      const before: Record<string, number> = {};
      for (const zone of venue.zones) {
        if ((floor.occupancy[zone.id] ?? 0) > 0) before[zone.id] = (await store.recountZone(zone.id, 0, { ...step.context, by: 'closing-reset' })).before;
      }
      return before;
    }
  }
}

interface Observed {
  floors: Record<string, FloorState>;
  incidents: Incident[];
  rollups: Record<string, DayRollup>;
  rollupDays: string[];
  log: LogEntry[];
}

/** Lists in a stable order: Redis reads them by time or hash order, the embedded store keeps arrival order. */
function normalized(floor: FloorState): FloorState {
  const sorted = {
    ...floor,
    recentCheckins: [...floor.recentCheckins].sort((a, b) => a.atMs - b.atMs || a.stand.localeCompare(b.stand)),
    incidents: [...floor.incidents].sort((a, b) => `${a.status}|${a.resolvedAt}`.localeCompare(`${b.status}|${b.resolvedAt}`)),
  };
  if (floor.recentCrossings) sorted.recentCrossings = [...floor.recentCrossings].sort((a, b) => a.minute - b.minute || a.gate.localeCompare(b.gate));
  return sorted;
}

async function observe(store: Store, nowMs: number, days: readonly string[]): Promise<Observed> {
  const floors: Record<string, FloorState> = {};
  const rollups: Record<string, DayRollup> = {};
  for (const day of days) {
    floors[day] = normalized(await store.readFloor(day, nowMs));
    rollups[day] = await store.readRollup(day);
  }
  const incidents = (await store.listIncidents()).sort((a, b) => a.id.localeCompare(b.id));
  return { floors, incidents, rollups, rollupDays: await store.listRollupDays(), log: await store.readLog(nowMs) };
}

/** Entries per venue-local hour, from the timeline's 5-minute slots. */
function entriesByHour(timeline: DayTimeline): number[] {
  const hours = new Array<number>(24).fill(0);
  timeline.entries5m.slots.forEach((slotMs, i) => (hours[venueHour(slotMs, venue.timezone)]! += timeline.entries5m.entries[i]!));
  return hours;
}

it(`every store and the replay of the log agree after each of ${STEPS} random writes (FUZZ_SEED=${SEED})`, { timeout: 120_000 }, async () => {
  const stores = await openStores();
  const steps = new FuzzSteps(new SeededRandom(SEED), venue, START_MS);
  const days = new Set<string>();
  try {
    for (let i = 0; i < STEPS; i++) {
      const step = steps.next();
      const where = `FUZZ_SEED=${SEED} step ${i} (${step.kind} at ${step.context.nowIso})`;
      days.add(step.context.today);
      if (step.kind === 'counts' || step.kind === 'checkins') for (const item of step.batch) days.add(item.day);
      const results = [];
      for (const { store } of stores) results.push(await apply(store, step));
      for (let s = 1; s < stores.length; s++) expect(results[s], `${where}: ${stores[s]!.name} answered`).toEqual(results[0]);

      const nowMs = step.context.nowMs;
      const sorted = [...days].sort();
      const [reference, ...others] = await Promise.all(stores.map(({ store }) => observe(store, nowMs, sorted)));
      others.forEach((other, s) => expect(other, `${where}: ${stores[s + 1]!.name} vs embedded`).toEqual(reference));

      const replayed = replayUntil(reference!.log, venue, nowMs);
      expect([...replayed.incidents.values()].sort((a, b) => a.id.localeCompare(b.id)), `${where}: incidents of the replay vs stores`).toEqual(reference!.incidents);
      const rolled = replayRollups(reference!.log, venue);
      expect([...rolled.keys()].sort(), `${where}: roll-up days of the replay vs stores`).toEqual(reference!.rollupDays);
      for (const day of sorted) {
        const { recentCrossings: _crossings, closedGates: _closed, ...floor } = reference!.floors[day]!;
        expect(normalized(floorStateOf(replayed, day, nowMs)), `${where}: replay of ${day} vs stores`).toEqual(floor);
        expect(rolled.get(day) ?? emptyRollup(day), `${where}: replayed roll-up of ${day} vs stores`).toEqual(reference!.rollups[day]);
        const timeline = dayTimeline(reference!.log, venue, day, nowMs);
        expect(entriesByHour(timeline), `${where}: timeline entries of ${day} vs roll-up`).toEqual(reference!.rollups[day]!.entriesByHour);
      }
      const today = dayTimeline(reference!.log, venue, step.context.today, nowMs);
      const lastMinute = Object.fromEntries(venue.zones.map((zone) => [zone.id, today.zones[zone.id]!.at(-1) ?? 0]));
      const occupancy = reference!.floors[step.context.today]!.occupancy;
      expect(lastMinute, `${where}: timeline's last minute vs floor`).toEqual(Object.fromEntries(venue.zones.map((zone) => [zone.id, occupancy[zone.id] ?? 0])));
    }
  } finally {
    await Promise.all(stores.map(({ store }) => store.close()));
  }
});
