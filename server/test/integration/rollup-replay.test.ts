import { afterAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { fesVenue } from '@fairwatch/venue';
import type { PreparedCount } from '../../src/domain/floor-counters.ts';
import { emptyHours, type DayRollup } from '../../src/domain/rollups.ts';
import { venueDay, venueHour } from '@fairwatch/venue/venue-time';
import { estimateVisitLength } from '../../src/domain/visit-length.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import type { PreparedCheckin, Store } from '../../src/store/store.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { simulateDays, type SimulatedDay } from '@fairwatch/simulator';

const venue = fesVenue;
const TZ = venue.timezone;
const DAYS = ['2022-10-14', '2022-10-15', '2022-10-16'];
// Fewer scans than the default model (0.06) keep the test fast; the counts are the full crowd.
const simulated = simulateDays(venue, DAYS, 11, { checkinsPerVisitorMinute: 0.01 });
const gates = new Map(venue.gates.map((gate) => [gate.id, gate]));

/** The roll-up of a day computed straight from its raw reports, independently of the stores. */
function expectedFromRaw(sim: SimulatedDay) {
  const occupancy = new Map<string, number>();
  const entriesByHour = emptyHours();
  const exitsByHour = emptyHours();
  const checkins = new Map<string, number>();
  const badges = new Set<string>();
  const zonePeaks: Record<string, number> = {};
  let peakInside = -1;
  for (const step of sim.steps) {
    const hour = venueHour(step.atMs, TZ);
    // A step's reports are one instant: the peaks are the floor's after all of them (issue 15).
    const touched = new Set<string>();
    for (const report of step.counts) {
      const gate = gates.get(report.gate)!;
      const net = report.in - report.out;
      for (const [zone, change] of [[gate.to, net], [gate.from, -net]] as const) {
        if (zone === null) continue;
        occupancy.set(zone, Math.max(0, (occupancy.get(zone) ?? 0) + change));
        touched.add(zone);
      }
      if (gate.from === null) { entriesByHour[hour]! += report.in; exitsByHour[hour]! += report.out; }
      if (gate.to === null) { entriesByHour[hour]! += report.out; exitsByHour[hour]! += report.in; }
    }
    for (const zone of touched) if (occupancy.get(zone)! > (zonePeaks[zone] ?? 0)) zonePeaks[zone] = occupancy.get(zone)!;
    if (step.counts.length) peakInside = Math.max(peakInside, [...occupancy.values()].reduce((a, b) => a + b, 0));
    for (const checkin of step.checkins) {
      checkins.set(`${checkin.stand}:${hour}`, (checkins.get(`${checkin.stand}:${hour}`) ?? 0) + 1);
      if (checkin.badge) badges.add(checkin.badge);
    }
  }
  return { entriesByHour, exitsByHour, checkins, uniqueVisitors: badges.size, zonePeaks, peakInside };
}

async function replay(store: Store, sim: SimulatedDay): Promise<number> {
  let reports = 0;
  for (const step of sim.steps) {
    const context = { nowMs: step.atMs, nowIso: new Date(step.atMs).toISOString(), today: sim.day };
    const base = { atMs: step.atMs, day: venueDay(step.atMs, TZ), hour: venueHour(step.atMs, TZ) };
    const counts: PreparedCount[] = step.counts.map((r) => ({ ...base, id: r.id, gate: r.gate, line: gates.get(r.gate)!, in: r.in, out: r.out, at: r.at }));
    const scans: PreparedCheckin[] = step.checkins.map((c) => ({ ...base, id: c.id, stand: c.stand, at: c.at, ...(c.badge && { badge: c.badge }) }));
    if (counts.length) await store.ingestCounts(counts, context);
    if (scans.length) await store.ingestCheckins(scans, context);
    reports += counts.length + scans.length;
  }
  return reports;
}

function standHourMap(rollup: DayRollup): Map<string, number> {
  const map = new Map<string, number>();
  for (const [stand, hours] of Object.entries(rollup.standHours)) hours.forEach((n, hour) => n && map.set(`${stand}:${hour}`, n));
  return map;
}

let redis: TestRedis | null = null;
afterAll(() => redis?.stop());
const backends = [
  { name: 'embedded', open: async () => new EmbeddedStore({ idTtlSeconds: 1 }) as Store },
  ...(redisAvailable()
    ? [{
        name: 'redis',
        open: async () => {
          redis ??= await TestRedis.start();
          const store = await RedisStore.connect({ url: redis.url, idTtlSeconds: 1, logMaxEntries: 1_000_000, commandTimeoutMs: 5_000, logger: pino({ level: 'silent' }) });
          await (store as unknown as { client: { flushAll(): Promise<unknown> } }).client.flushAll();
          return store as Store;
        },
      }]
    : []),
];

describe.each(backends)('three simulated fair days replayed into the $name store', (backend) => {
  it('keeps figures and roll-ups equal to the raw reports, and raw data bounded once trimmed', async () => {
    const store = await backend.open();
    const client = (store as unknown as { client?: { sendCommand<T>(args: string[]): Promise<T> } }).client;
    const sizes: Array<{ day: string; reports: number; rawBefore: number; logMemory: number | null; keysAfterTrim: number | null; memoryAfterTrim: number | null }> = [];
    try {
      for (const sim of simulated) {
        const reports = await replay(store, sim);
        const expected = expectedFromRaw(sim);
        const rollup = await store.readRollup(sim.day);
        expect(rollup.entriesByHour).toEqual(expected.entriesByHour);
        expect(rollup.exitsByHour).toEqual(expected.exitsByHour);
        expect(standHourMap(rollup)).toEqual(expected.checkins);
        expect(rollup.zonePeaks).toEqual(expected.zonePeaks);
        expect(rollup.peakInside).toBe(expected.peakInside);
        // The model's own truth: every person counted in and out, the floor empty at night.
        expect(rollup.entries).toBe(sim.truth.entries);
        expect(rollup.exits).toBe(sim.truth.exits);
        if (store.kind === 'embedded') expect(rollup.uniqueVisitors).toBe(expected.uniqueVisitors);
        else expect(Math.abs(rollup.uniqueVisitors - expected.uniqueVisitors) / expected.uniqueVisitors).toBeLessThan(0.02);
        // Little's law from the hourly roll-up against the model's exact person-minutes per visitor.
        const visit = estimateVisitLength({ entriesByHour: rollup.entriesByHour, exitsByHour: rollup.exitsByHour, untilHour: 24 });
        const trueVisit = sim.truth.personMinutes / sim.truth.entries;
        expect(Math.abs(visit.minutes! - trueVisit) / trueVisit).toBeLessThan(0.05);

        const lastMs = sim.steps.at(-1)!.atMs;
        const floor = await store.readFloor(sim.day, lastMs);
        expect(floor.entries).toBe(rollup.entries);
        expect(floor.standCheckins).toEqual(Object.fromEntries([...new Map(Object.entries(rollup.standHours).map(([s, h]) => [s, h.reduce((a, b) => a + b, 0)]))]));

        const rawBefore = await store.rawStats();
        // Redis already expires the first ids of the day while the replay runs (TTL 1 s here).
        if (store.kind === 'embedded') expect(rawBefore.ids).toBe(reports);
        else expect(rawBefore.logEntries).toBeGreaterThan(0);
        const logMemory = client ? await client.sendCommand<number>(['MEMORY', 'USAGE', '{fw}:log']) : null;
        // Ids outlive their TTL (1 s here, and at most a quarter more: id-buckets.ts), then everything
        // raw is trimmed: no figure may move.
        const before = { floor, rollups: await Promise.all(DAYS.map((day) => store.readRollup(day))) };
        // Trimmed 1.4 s ahead on the server's clock (the store drops id buckets by it, not only by Redis's TTL).
        const left = await store.trimRaw(Date.now() + 1_400, Date.now() + 1_400);
        expect(left).toEqual({ logEntries: 0, ids: 0 });
        expect({ floor: await store.readFloor(sim.day, lastMs), rollups: await Promise.all(DAYS.map((day) => store.readRollup(day))) }).toEqual(before);
        const keysAfterTrim = client ? await client.sendCommand<number>(['DBSIZE']) : null;
        const memoryAfterTrim = client ? Number(/used_memory:(\d+)/.exec(await client.sendCommand<string>(['INFO', 'memory']))![1]) : null;
        sizes.push({ day: sim.day, reports, rawBefore: rawBefore.logEntries + rawBefore.ids, logMemory, keysAfterTrim, memoryAfterTrim });
      }
      console.log(`[rollups] ${backend.name}: ${JSON.stringify(sizes)}`);
      if (client) {
        // Each day adds a few keys of bounded size (its roll-up, figures, gates, stands, repeat scans per
        // stand, badges), not one per report; the day's badge sightings go two days later.
        const perDay = sizes[2]!.keysAfterTrim! - sizes[1]!.keysAfterTrim!;
        expect(perDay).toBeLessThanOrEqual(7);
        expect(sizes[1]!.keysAfterTrim! - sizes[0]!.keysAfterTrim!).toBe(perDay);
        // A day's raw log alone weighs megabytes; what a day leaves after trimming is a small fraction of it.
        const growth = sizes[2]!.memoryAfterTrim! - sizes[1]!.memoryAfterTrim!;
        expect(growth).toBeLessThan(sizes[2]!.logMemory! / 10);
      }
    } finally {
      await store.close();
    }
  }, 60_000);
});
