import { createClient } from 'redis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Alert, Incident } from '@fairwatch/protocol';
import type { PreparedCount } from '../../src/domain/floor-counters.ts';
import { changeIncident, openIncident } from '../../src/domain/incident-workflow.ts';
import { addNote } from '../../src/domain/incident-steps.ts';
import { replayUntil } from '../../src/domain/replay.ts';
import { tinyVenue } from '../support/tiny-venue.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableStore } from '../../src/store/durable-store.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { RedisStore } from '../../src/store/redis-store.ts';
import { StoreUnavailableError, type PreparedCheckin, type Store, type StoreChange } from '../../src/store/store.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';

const logger = pino({ level: 'silent' });
const DAY = '2022-10-15';
const NOW = Date.parse('2022-10-15T16:00:00.000Z');
const context = (offsetMs = 0) => ({ nowMs: NOW + offsetMs, nowIso: new Date(NOW + offsetMs).toISOString(), today: DAY });

const door = { from: null, to: 'hall' };
const toStage = { from: 'hall', to: 'stage' };
let n = 0;
const count = (line: PreparedCount['line'], inCount: number, outCount: number, id = `c${n++}`): PreparedCount => ({
  id, gate: line.to === 'stage' ? 'hall-stage' : 'door', line, in: inCount, out: outCount, at: '2022-10-15T15:59:00.000Z', atMs: NOW - 60_000, day: DAY,
});
/** A running-totals report of a device on the door. */
const totals = (device: string, inTotal: number, outTotal: number, atMs: number): PreparedCount => ({
  id: `t${n++}`, gate: 'door', line: door, device, in: inTotal, out: outTotal, at: new Date(atMs).toISOString(), atMs, day: DAY,
});
const checkin = (stand: string, atMs: number, id = `k${n++}`): PreparedCheckin => ({
  id, stand, badge: 'V-1', at: new Date(atMs).toISOString(), atMs, day: DAY,
});

interface Backend {
  name: string;
  open(): Promise<Store>;
  cleanup(): Promise<void>;
}

let redis: TestRedis | null = null;
const dataDirs: string[] = [];
const backends: Backend[] = [
  { name: 'embedded', open: async () => new EmbeddedStore({ idTtlSeconds: 3600 }), cleanup: async () => {} },
  {
    name: 'durable',
    // A fresh data directory per test, as a first start.
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'fairwatch-contract-'));
      dataDirs.push(dir);
      return DurableStore.open({ dataDir: dir, idTtlSeconds: 3600 });
    },
    cleanup: async () => {},
  },
];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});
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
      return RedisStore.connect({ url: redis.url, idTtlSeconds: 3600, logMaxEntries: 10_000, commandTimeoutMs: 1_000, logger });
    },
    cleanup: async () => {},
  });
}
afterAll(() => redis?.stop());

/** One suite, every store: the Redis Lua scripts and the embedded domain code must agree. */
describe.each(backends)('the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  describe('floor and roll-ups (FloorRepository)', () => {
    it('applies counts with clamping, entries, exits, gate figures and the peak', async () => {
      expect(await store.ingestCounts([count(door, 10, 0), count(toStage, 4, 0)], context())).toEqual({ accepted: 2, duplicates: 0 });
      expect(await store.ingestCounts([count(door, 0, 3), count(toStage, 0, 9)], context(1000))).toEqual({ accepted: 2, duplicates: 0 });
      const floor = await store.readFloor(DAY, NOW + 2000);
      // stage: 4 then -9 → held at 0; hall: 10 - 4 - 3 + 9 = 12
      expect(floor.occupancy).toEqual({ hall: 12, stage: 0 });
      expect(floor).toMatchObject({ entries: 10, exits: 3, peakInside: 12, peakAt: new Date(NOW + 1000).toISOString() });
      expect(floor.gates).toEqual({ door: { in: 10, out: 3 }, 'hall-stage': { in: 4, out: 9 } });
      expect(floor.gateLastReport).toEqual({ door: NOW + 1000, 'hall-stage': NOW + 1000 });
    });

    it('keeps today\'s live peak to today\'s reports: a late batch of an earlier day moves nobody into today\'s peak', async () => {
      await store.ingestCounts([count(door, 10, 0)], context());
      // Yesterday's evening in one late batch: 8 in, then 8 out. Inside passes 18 on the way, but only
      // while the batch is applied; the control room's peak must read as the manager's roll-up does.
      const yesterday = (inCount: number, outCount: number, hour: number) => ({ ...count(door, inCount, outCount), day: '2022-10-14', hour, at: `2022-10-14T${hour - 1}:10:00.000Z`, atMs: Date.parse(`2022-10-14T${hour - 1}:10:00.000Z`) });
      await store.ingestCounts([yesterday(8, 0, 20), yesterday(0, 8, 21)], context(1000));
      const floor = await store.readFloor(DAY, NOW + 2000);
      expect(floor.occupancy).toEqual({ hall: 10 });
      expect(floor).toMatchObject({ peakInside: 10, peakAt: context().nowIso });
      expect((await store.readRollup(DAY)).peakInside).toBe(10);
    });

    it('counts a report id once, also inside one batch', async () => {
      const report = count(door, 5, 0, 'same');
      expect(await store.ingestCounts([report, report], context())).toEqual({ accepted: 1, duplicates: 1 });
      expect(await store.ingestCounts([report], context())).toEqual({ accepted: 0, duplicates: 1 });
      // Retried 50 minutes later, when new ids go to a later bucket of the one-hour id memory.
      expect(await store.ingestCounts([report, count(door, 1, 0)], context(50 * 60_000))).toEqual({ accepted: 1, duplicates: 1 });
      const visit = checkin('S1', NOW, 'same-checkin');
      expect(await store.ingestCheckins([visit, visit], context())).toEqual({ accepted: 1, duplicates: 1 });
      expect(await store.ingestCheckins([visit], context(50 * 60_000))).toEqual({ accepted: 0, duplicates: 1 });
      expect((await store.readFloor(DAY, NOW)).occupancy.hall).toBe(6);
    });

    it('turns running totals into increments, per device, through restarts and late reports', async () => {
      await store.ingestCounts([totals('A', 10, 2, NOW - 50_000), totals('A', 25, 5, NOW - 40_000), totals('B', 4, 0, NOW - 40_000)], context());
      // A restarts (its totals drop): the new totals are what it counted since power-on.
      await store.ingestCounts([totals('A', 3, 1, NOW - 30_000)], context());
      // A late report from before the restart is already contained in what was applied.
      await store.ingestCounts([totals('A', 20, 4, NOW - 45_000)], context());
      await store.ingestCounts([totals('A', 8, 1, NOW - 20_000)], context());
      const floor = await store.readFloor(DAY, NOW);
      // in: 10 + 15 + 4 (B) + 3 + 0 + 5 = 37; out: 2 + 3 + 0 + 1 + 0 + 0 = 6
      expect(floor).toMatchObject({ entries: 37, exits: 6 });
      expect(floor.occupancy.hall).toBe(31);
      expect(floor.gates.door).toEqual({ in: 37, out: 6 });
    });

    it('keeps the people counted across a 16-bit wrap and counts nothing for an implausible jump', async () => {
      // Up to the top of the range as a line could count it: each step within the cap and the time it had.
      for (let step = 0; step <= 6; step++) await store.ingestCounts([totals('W', step * 10_000, 0, NOW - 3_600_000 + step * 500_000)], context());
      await store.ingestCounts([totals('W', 65_530, 0, NOW - 50_000)], context());
      await store.ingestCounts([totals('W', 4, 0, NOW - 40_000)], context());
      // 40,000 persons in ten seconds: no line counts that; the totals become the new baseline.
      await store.ingestCounts([totals('W', 40_004, 0, NOW - 30_000)], context());
      await store.ingestCounts([totals('W', 40_010, 2, NOW - 20_000)], context());
      const floor = await store.readFloor(DAY, NOW);
      // in: 65,530 (built up) + 10 (wrap) + 0 (jump) + 6 = 65,546; out: 2
      expect(floor.gates.door).toEqual({ in: 65_546, out: 2 });
    });

    it('keeps check-ins per stand today and the recent ones for the 15-minute window', async () => {
      await store.ingestCheckins([checkin('S1', NOW - 60_000), checkin('S1', NOW - 20 * 60_000), checkin('S2', NOW)], context());
      const floor = await store.readFloor(DAY, NOW);
      expect(floor.standCheckins).toEqual({ S1: 2, S2: 1 });
      expect(floor.recentCheckins.sort((a, b) => a.atMs - b.atMs)).toEqual([
        { stand: 'S1', atMs: NOW - 60_000 },
        { stand: 'S2', atMs: NOW },
      ]);
      expect((await store.readFloor(DAY, NOW + 15 * 60_000 - 1)).recentCheckins).toEqual([{ stand: 'S2', atMs: NOW }]);
    });

    it('flags a badge scanned again at the same stand within the repeat window, counting it still', async () => {
      const scan = (stand: string, badge: string | undefined, minutes: number) => ({ ...checkin(stand, NOW + minutes * 60_000), badge });
      await store.ingestCheckins([scan('S1', 'B-7', -30), scan('S1', 'B-7', -25), scan('S2', 'B-7', -24), scan('S1', 'B-8', -24), scan('S1', undefined, -24)], context());
      // A retry of the same check-in is a duplicate, not a repeat; a scan 10 minutes or more after the last is a new visit.
      const retried = scan('S1', 'B-7', -10);
      await store.ingestCheckins([retried, retried, scan('S1', 'B-7', -14.5)], context());
      const floor = await store.readFloor(DAY, NOW);
      expect(floor.standCheckins).toEqual({ S1: 6, S2: 1 });
      // -25 repeats -30; -14.5 (arrived late) repeats -10; -10 is 15 minutes after -25.
      expect(floor.standRepeats).toEqual({ S1: 2 });
    });

    it('rolls counts and check-ins up per venue day and local hour, with peaks, zone peaks and unique badges', async () => {
      const at = (hour: number) => ({ hour, at: `2022-10-15T${String(hour - 1).padStart(2, '0')}:30:00.000Z`, atMs: Date.parse(`2022-10-15T${String(hour - 1).padStart(2, '0')}:30:00.000Z`) });
      await store.ingestCounts([{ ...count(door, 10, 0), ...at(10) }, { ...count(toStage, 4, 0), ...at(10) }, { ...count(door, 2, 7), ...at(11) }], context());
      const late = { ...count(door, 5, 1), day: '2022-10-14', hour: 21, at: '2022-10-14T20:10:00.000Z', atMs: Date.parse('2022-10-14T20:10:00.000Z') };
      await store.ingestCounts([late, late], context());
      await store.ingestCheckins([{ ...checkin('S1', NOW), ...at(10) }, { ...checkin('S1', NOW), badge: 'V-2', ...at(10) }, { ...checkin('S2', NOW), badge: 'V-2', ...at(11) }], context());
      const day = await store.readRollup(DAY);
      expect(day).toMatchObject({ day: DAY, entries: 12, exits: 7, checkins: 3, peakInside: 10, peakAt: '2022-10-15T09:30:00.000Z', uniqueVisitors: 2 });
      expect(day.entriesByHour[10]).toBe(10);
      expect(day.exitsByHour[11]).toBe(7);
      expect(day.peakByHour.slice(9, 12)).toEqual([-1, 10, 5]);
      expect(day.zonePeaks).toEqual({ hall: 10, stage: 4 });
      expect(day.standHours.S1![10]).toBe(2);
      expect(day.standHours.S2![11]).toBe(1);
      // A late report of an earlier day adds its flows there, once, and no peak.
      expect(await store.readRollup('2022-10-14')).toMatchObject({ entries: 5, exits: 1, peakInside: null, zonePeaks: {} });
      expect(await store.listRollupDays()).toEqual(['2022-10-14', DAY]);
      expect(await store.readRollup('2022-10-01')).toMatchObject({ entries: 0, peakInside: null, uniqueVisitors: 0 });
    });

    it('trims raw reports without changing any figure or roll-up', async () => {
      await store.ingestCounts([count(door, 10, 0), count(door, 0, 3)], context());
      await store.ingestCheckins([checkin('S1', NOW)], context());
      const before = { floor: await store.readFloor(DAY, NOW), rollup: await store.readRollup(DAY) };
      expect((await store.rawStats()).ids).toBe(3);
      const left = await store.trimRaw(Date.now() + 1000, NOW + 30 * 60_000);
      // The log goes; ids stay until their TTL (one hour here) is over on the server's clock.
      expect(left).toEqual({ logEntries: 0, ids: 3 });
      expect(await store.trimRaw(Date.now() + 1000, NOW + 2 * 3600_000)).toEqual({ logEntries: 0, ids: 0 });
      expect({ floor: await store.readFloor(DAY, NOW), rollup: await store.readRollup(DAY) }).toEqual(before);
    });
  });

  describe('incidents and photos (IncidentRepository)', () => {
    it('creates an incident once and replaces it only from the state it was read in', async () => {
      const incident = openIncident({ id: '0b7c4d0e-4f27-4d57-9f0a-3c1e8b2b7a11', type: 'medical', severity: 'high', description: 'Malaise' }, 'security', context().nowIso);
      expect(await store.createIncident(incident, 'fp')).toEqual({ created: true });
      expect(await store.createIncident({ ...incident, severity: 'low' }, 'other')).toEqual({ created: false, existing: incident, fingerprint: 'fp' });
      const read = (await store.getIncident(incident.id))!;
      const step = changeIncident(read, { status: 'resolved' }, 'operations', context(5000).nowIso);
      if (step.kind !== 'changed') throw new Error('expected a change');
      expect(await store.replaceIncident(read, step.incident, step.incident.history.at(-1)!)).toBe(true);
      expect(await store.replaceIncident(read, step.incident, step.incident.history.at(-1)!)).toBe(false); // stale: someone changed it meanwhile
      expect(await store.getIncident(incident.id)).toEqual(step.incident);
      expect(await store.listIncidents()).toEqual([step.incident]);
      expect((await store.readFloor(DAY, NOW)).incidents).toEqual([{ status: 'resolved', resolvedAt: context(5000).nowIso }]);
    });

    it('compares an incident by value, not by which copy the caller holds', async () => {
      const incident = openIncident({ id: '7d6c5b4a-3f2e-4d1c-8b0a-9f8e7d6c5b4a', type: 'medical', severity: 'low', description: 'Malaise' }, 'security', context().nowIso);
      await store.createIncident(incident, 'fp');
      const copy = structuredClone((await store.getIncident(incident.id))!);
      const step = changeIncident(copy, { status: 'resolved' }, 'operations', context(5000).nowIso);
      if (step.kind !== 'changed') throw new Error('expected a change');
      expect(await store.replaceIncident(copy, step.incident, step.incident.history.at(-1)!)).toBe(true);
      expect(await store.getIncident(incident.id)).toEqual(step.incident);
    });

    it('logs and publishes an incident step alone, and replay and listeners still see the whole incident', async () => {
      const changes: StoreChange[] = [];
      store.onChange((change) => changes.push(change));
      let incident = openIncident({ id: '5a4c3b2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d', type: 'medical', severity: 'low', description: 'Malaise' }, 'security', context().nowIso);
      await store.createIncident(incident, 'fp');
      for (let i = 0; i < 3; i++) {
        const outcome = addNote(incident, { id: `00000000-0000-4000-8000-00000000000${i}`, text: `note ${i}` }, 'operations', context(1000 * (i + 1)).nowIso);
        if (outcome.kind !== 'changed') throw new Error('expected a change');
        expect(await store.replaceIncident(incident, outcome.incident, outcome.incident.history.at(-1)!)).toBe(true);
        incident = outcome.incident;
      }
      const log = (await store.readLog(NOW + 60_000)).filter((entry) => entry.type === 'incident' || entry.type === 'incident-step');
      expect(log.map((entry) => entry.type)).toEqual(['incident', 'incident-step', 'incident-step', 'incident-step']);
      for (const entry of log.slice(1)) {
        // Each step entry holds one step and no history: the log grows by a step per step.
        expect(entry).not.toHaveProperty('incident');
        expect(entry.type === 'incident-step' && entry.head).not.toHaveProperty('history');
      }
      expect(log[3]).toMatchObject({ step: { kind: 'note', note: 'note 2' } });
      expect(replayUntil(log, tinyVenue, NOW + 60_000).incidents.get(incident.id)).toEqual(incident);
      expect(replayUntil(log, tinyVenue, NOW + 2_500).incidents.get(incident.id)?.history.map((step) => step.note)).toEqual([undefined, 'note 0', 'note 1']);
      // Listeners get each version whole, in order.
      await expect.poll(() => changes.filter((change) => change.kind === 'incident').length).toBe(4);
      const versions = changes.flatMap((change) => (change.kind === 'incident' ? [change.incident.history.length] : []));
      expect(versions).toEqual([1, 2, 3, 4]);
      expect(changes.at(-1)).toEqual({ kind: 'incident', incident });
    });
  });

  describe('change bus (ChangeBus)', () => {
    it('tells listeners about every change', async () => {
      const changes: StoreChange[] = [];
      store.onChange((change) => changes.push(change));
      await store.ingestCounts([count(door, 1, 0)], context());
      const incident = openIncident({ id: '9d1f7a3e-1c2b-4e5f-8a9b-0c1d2e3f4a5b', type: 'other', severity: 'low', description: 'x' }, 'security', context().nowIso);
      await store.createIncident(incident, 'fp');
      await expect.poll(() => changes.length).toBeGreaterThanOrEqual(2);
      expect(changes).toContainEqual({ kind: 'floor' });
      expect(changes).toContainEqual({ kind: 'incident', incident: incident as Incident });
    });
  });

  describe('sessions and audit (SessionRepository)', () => {
    it('keeps sessions until they expire', async () => {
      await store.saveSession('token-a', { username: 'admin', role: 'admin', expiresAt: Date.now() + 60_000 });
      expect(await store.getSession('token-a')).toMatchObject({ username: 'admin', role: 'admin' });
      expect(await store.getSession('token-b')).toBeNull();
    });

    it('keeps a session’s seal (account stamp and MAC) as given: the session directory checks it on every read', async () => {
      const sealed = { username: 'admin', role: 'admin' as const, expiresAt: Date.now() + 60_000, account: 'stamp-of-the-account', mac: 'mac-over-the-session' };
      await store.saveSession('token-sealed', sealed);
      expect(await store.getSession('token-sealed')).toEqual(sealed);
    });
  });

});

describe.runIf(backends.some((b) => b.name === 'redis'))('the Redis store when Redis fails', () => {
  it('rejects writes quickly as unavailable while Redis is down, and works again when it is back', async () => {
    const own = await TestRedis.start({ persistent: true });
    const store = await RedisStore.connect({ url: own.url, idTtlSeconds: 3600, logMaxEntries: 10_000, commandTimeoutMs: 1_000, logger });
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

describe.runIf(backends.some((b) => b.name === 'redis'))('the Redis store after an upgrade', () => {
  it('still counts once the reports an earlier version remembered one key per id', async () => {
    const own = await TestRedis.start();
    const options = { url: own.url, idTtlSeconds: 3600, logMaxEntries: 10_000, commandTimeoutMs: 1_000, logger };
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

describe.runIf(backends.some((b) => b.name === 'redis'))('instances sharing one Redis', () => {
  it('replays from the durable log the incidents published while a subscriber was away', async () => {
    const own = await TestRedis.start();
    const options = { url: own.url, idTtlSeconds: 3600, logMaxEntries: 10_000, commandTimeoutMs: 1_000, logger };
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

/** The operations view's store methods (issue 3): drift, recount, alerts, the log for replay. */
describe.each(backends)('the $name store, operations view', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  const alert = (id: string, zone = 'hall'): Alert => ({
    id, kind: 'threshold', zone, level: 'busy', raisedAt: new Date(NOW).toISOString(), occupancy: 120, density: 1.2, uncertain: false,
    clearedAt: null, acknowledgedBy: null, acknowledgedAt: null,
  });

  describe('floor and roll-ups (FloorRepository)', () => {
    it('counts the persons dropped by the hold at zero per zone, and a recount resets the zone and its drift', async () => {
      await store.ingestCounts([count(door, 10, 0), count(toStage, 4, 0), count(toStage, 0, 9)], context());
      expect((await store.readFloor(DAY, NOW)).drift).toEqual({ stage: 5 });
      const changes: StoreChange[] = [];
      store.onChange((change) => changes.push(change));
      expect(await store.recountZone('stage', 7, { ...context(1000), by: 'operations', note: 'head count' })).toEqual({ before: 0 });
      const floor = await store.readFloor(DAY, NOW + 2000);
      expect(floor.occupancy).toEqual({ hall: 15, stage: 7 });
      expect(floor.drift ?? {}).toEqual({});
      expect(floor).toMatchObject({ peakInside: 22, peakAt: new Date(NOW + 1000).toISOString() });
      expect(floor.gates).toEqual({ door: { in: 10, out: 0 }, 'hall-stage': { in: 4, out: 9 } });
      await expect.poll(() => changes).toContainEqual({ kind: 'floor' });
    });

    it('counts crossings per gate and minute of the server clock for the last minutes, running totals as increments (issue 18)', async () => {
      const minute = Math.floor(NOW / 60_000);
      await store.ingestCounts([count(door, 10, 2), count(toStage, 4, 0)], context());
      await store.ingestCounts([count(door, 5, 0), totals('d1', 7, 1, NOW)], context(1_000));
      await store.ingestCounts([count(door, 3, 0)], context(60_000));
      await store.ingestCounts([count(door, 100, 0)], context(-7 * 60_000)); // older than a floor state reads
      const sorted = (floor: Awaited<ReturnType<Store['readFloor']>>) => [...(floor.recentCrossings ?? [])].sort((a, b) => a.minute - b.minute || a.gate.localeCompare(b.gate));
      expect(sorted(await store.readFloor(DAY, NOW + 60_000))).toEqual([
        { minute, gate: 'door', in: 22, out: 3 },
        { minute, gate: 'hall-stage', in: 4, out: 0 },
        { minute: minute + 1, gate: 'door', in: 3, out: 0 },
      ]);
      // Six minutes on, only the last minute's crossings are within the window.
      expect(sorted(await store.readFloor(DAY, NOW + 6 * 60_000))).toEqual([{ minute: minute + 1, gate: 'door', in: 3, out: 0 }]);
    });

    it('keeps gates closed by operations until they are reopened, and tells every listener (issue 18)', async () => {
      expect((await store.readFloor(DAY, NOW)).closedGates ?? {}).toEqual({});
      const changes: StoreChange[] = [];
      store.onChange((change) => changes.push(change));
      const closure = { gate: 'door', closedAt: new Date(NOW).toISOString(), by: 'operations', note: 'blocked by a delivery' };
      await store.setGateClosure('door', closure);
      await store.setGateClosure('hall-stage', { gate: 'hall-stage', closedAt: new Date(NOW).toISOString(), by: 'admin' });
      expect((await store.readFloor(DAY, NOW + 1000)).closedGates).toEqual({ door: closure, 'hall-stage': { gate: 'hall-stage', closedAt: new Date(NOW).toISOString(), by: 'admin' } });
      await store.setGateClosure('hall-stage', null);
      await store.setGateClosure('hall-stage', null); // reopening twice is harmless
      expect((await store.readFloor(DAY, NOW + 2000)).closedGates).toEqual({ door: closure });
      await expect.poll(() => changes.length).toBeGreaterThanOrEqual(4);
      expect(changes.every((change) => change.kind === 'floor')).toBe(true);
    });
  });

  describe('alerts (AlertRepository)', () => {
    it('keeps one active alert per condition, acknowledges and clears by compare-and-set, and tells every listener', async () => {
      const changes: StoreChange[] = [];
      store.onChange((change) => changes.push(change));
      const first = alert('a1');
      expect(await store.raiseAlert(first, 'threshold:hall', NOW)).toEqual({ raised: true });
      expect(await store.raiseAlert(alert('a2'), 'threshold:hall', NOW)).toEqual({ raised: false, existing: first });
      const acked = { ...first, acknowledgedBy: 'operations', acknowledgedAt: new Date(NOW + 1).toISOString() };
      expect(await store.replaceAlert(first, acked, NOW + 1)).toBe(true);
      expect(await store.replaceAlert(first, { ...first, acknowledgedBy: 'admin' }, NOW + 1)).toBe(false);
      const cleared = { ...acked, clearedAt: new Date(NOW + 2).toISOString() };
      expect(await store.replaceAlert(acked, cleared, NOW + 2, 'threshold:hall')).toBe(true);
      expect(await store.raiseAlert(alert('a3'), 'threshold:hall', NOW + 3)).toEqual({ raised: true });
      expect((await store.listAlerts()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([cleared, alert('a3')]);
      await expect.poll(() => changes.filter((change) => change.kind === 'alert').map((change) => change.kind === 'alert' && `${change.change} ${change.alert.id}`)).toEqual([
        'raised a1', 'acknowledged a1', 'cleared a1', 'raised a3',
      ]);
    });
  });

  describe('the durable log (LogRepository)', () => {
    it('logs accepted batches, recounts, incidents and alerts in order for replay', async () => {
      await store.ingestCounts([count(door, 10, 0, 'l1'), count(door, 10, 0, 'l1')], context());
      await store.ingestCheckins([checkin('S1', NOW - 1000)], context());
      await store.recountZone('hall', 8, { ...context(), by: 'admin' });
      await store.raiseAlert(alert('l-alert'), 'threshold:hall', NOW + 1000);
      // A write dated before the newest entry (a clock behind) is logged after it, still in order.
      await store.recountZone('hall', 9, { ...context(-5_000), by: 'admin' });
      const log = await store.readLog(NOW + 60_000);
      expect(log.map((entry) => entry.type)).toEqual(['counts', 'checkins', 'recount', 'alert', 'recount']);
      expect(log[0]).toMatchObject({ type: 'counts', items: [{ id: 'l1', gate: 'door', in: 10, out: 0 }] });
      expect(log[2]).toMatchObject({ type: 'recount', zone: 'hall', count: 8 });
      expect(log[4]).toMatchObject({ type: 'recount', zone: 'hall', count: 9 });
      // The log is dated by the server's clock (NOW here), not by Redis's.
      expect(await store.readLog(NOW - 60_000)).toEqual([]);
      expect((await store.readLog(NOW + 500)).map((entry) => entry.type)).toEqual(['counts', 'checkins', 'recount']);
      // From an instant on (a reader catching up): entries dated at or after it.
      expect((await store.readLog(NOW + 60_000, NOW + 1000)).map((entry) => entry.type)).toEqual(['alert', 'recount']);
    });
  });
});
