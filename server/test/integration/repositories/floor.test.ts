import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoreChange } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';
import { checkin, context, count, DAY, door, NOW, toStage, totals } from '../../support/store-reports.ts';

/** The running figures and their roll-ups, every store: the Redis Lua scripts and the embedded domain code must agree. */
describe.each(storeBackends())('floor and roll-ups (FloorRepository), the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

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

  it('takes peaks once every report of one instant is applied, not between two gates\' reports of it (issue 15)', async () => {
    await store.ingestCounts([count(door, 5, 0)], context());
    // One instant, two gates: 10 came in at the door and the same 10 went on to the stage. Applied one
    // after the other, the hall would pass through 15, a figure it never held.
    expect(await store.ingestCounts([count(door, 10, 0), count(toStage, 10, 0)], context(1000))).toEqual({ accepted: 2, duplicates: 0 });
    // Two counters of the door at one instant: 10 in, 10 out; inside would pass through 15.
    await store.ingestCounts([count(door, 10, 0), count(door, 0, 10)], context(2000));
    const floor = await store.readFloor(DAY, NOW + 3000);
    expect(floor.occupancy).toEqual({ hall: 5, stage: 10 });
    expect(floor).toMatchObject({ peakInside: 15, peakAt: new Date(NOW + 1000).toISOString() });
    const day = await store.readRollup(DAY);
    expect(day.zonePeaks).toEqual({ hall: 5, stage: 10 });
    expect(day).toMatchObject({ peakInside: 15, peakAt: '2022-10-15T15:59:00.000Z' });
    expect(day.peakByHour[15]).toBe(15);
  });

  it('still takes the floor between reports of different instants in one batch: it was there then', async () => {
    const at = (minutes: number) => ({ at: new Date(NOW - minutes * 60_000).toISOString(), atMs: NOW - minutes * 60_000 });
    await store.ingestCounts([{ ...count(door, 10, 0), ...at(2) }, { ...count(toStage, 10, 0), ...at(1) }, { ...count(door, 3, 0), ...at(1) }], context());
    expect((await store.readFloor(DAY, NOW)).occupancy).toEqual({ hall: 3, stage: 10 });
    expect((await store.readRollup(DAY)).zonePeaks).toEqual({ hall: 10, stage: 10 });
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
    // 10 in at the door and 4 on to the stage at one instant (09:30): the hall held 6 then, not 10.
    expect(day.zonePeaks).toEqual({ hall: 6, stage: 4 });
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
