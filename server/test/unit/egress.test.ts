import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Gate, Venue } from '@fairwatch/venue';
import { egressNetwork, egressTimes, quickestClearMinutes } from '../../src/domain/egress.ts';

const RATE = 82;
const name = { ar: 'ع', fr: 'f', en: 'e' };

/** A venue of rooms (zones) and gates; geometry does not matter to egress. */
function venue(zones: string[], gates: Array<Pick<Gate, 'id' | 'from' | 'to' | 'widthM'> & Partial<Gate>>): Pick<Venue, 'zones' | 'gates'> {
  return {
    zones: zones.map((id) => ({ id, name, kind: 'exhibit', polygon: [[0, 0], [1, 0], [1, 1]], areaM2: 100, capacity: 100, thresholds: { busy: 1, crowded: 2, critical: 3 } })),
    gates: gates.map((gate) => ({ name, position: [0, 0], ...gate })),
  };
}

describe('time to clear, hand-worked', () => {
  it('a single room with one 2 m exit and 984 people: 984 / (2 x 82) = 6.0 min', () => {
    const room = venue(['room'], [{ id: 'exit', from: 'room', to: null, widthM: 2 }]);
    const times = egressTimes(egressNetwork(room, { exitFlowRate: RATE }), { room: 984 });
    expect(times).toEqual({ floor: 6.0, zones: { room: 6.0 } });
  });

  it('two rooms in series: the inner room adds the outer room\'s queue, the outer room does not wait for the inner', () => {
    // inner (300) --1 m--> outer (200) --2 m--> outside.
    // inner: max(300 / 82 at its door = 3.66, (300 + 200) / 164 at the exit = 3.05) = 3.66 min;
    // outer: 200 / 164 = 1.22 min; the floor: 3.66 min (the inner door is the bottleneck).
    const series = venue(['outer', 'inner'], [
      { id: 'exit', from: null, to: 'outer', widthM: 2 },
      { id: 'door', from: 'outer', to: 'inner', widthM: 1 },
    ]);
    const times = egressTimes(egressNetwork(series, { exitFlowRate: RATE }), { inner: 300, outer: 200 });
    expect(times.zones.inner).toBe(Math.round((300 / 82) * 10) / 10);
    expect(times.zones.outer).toBe(Math.round((200 / 164) * 10) / 10);
    expect(times.floor).toBe(3.7);
    // With a wide inner door the shared exit sets the pace: (300 + 200) / 164 = 3.05 min.
    const wide = venue(['outer', 'inner'], [
      { id: 'exit', from: null, to: 'outer', widthM: 2 },
      { id: 'door', from: 'outer', to: 'inner', widthM: 4 },
    ]);
    expect(egressTimes(egressNetwork(wide, { exitFlowRate: RATE }), { inner: 300, outer: 200 })).toEqual({ floor: 3.0, zones: { inner: 3.0, outer: 1.2 } });
  });

  it('a blocked exit sends everyone to the others: 984 people, exits of 2 m and 1 m: 4.0 min, 12.0 with the 2 m one blocked', () => {
    const hall = venue(['hall'], [
      { id: 'big', from: 'hall', to: null, widthM: 2 },
      { id: 'small', from: null, to: 'hall', widthM: 1 },
    ]);
    expect(egressTimes(egressNetwork(hall, { exitFlowRate: RATE }), { hall: 984 }).floor).toBe(4.0);
    expect(egressTimes(egressNetwork(hall, { exitFlowRate: RATE, closed: new Set(['big']) }), { hall: 984 }).floor).toBe(12.0);
    expect(egressTimes(egressNetwork(hall, { exitFlowRate: RATE, closed: new Set(['big', 'small']) }), { hall: 984 })).toEqual({ floor: null, zones: { hall: null } });
  });

  it('a blocked exit puts a zone behind another: it then adds that zone\'s queue', () => {
    // plaza (220) --6 m main gate--> outside; plaza --8 m--> promenade (310) --4 m second gate--> outside.
    const floor = venue(['plaza', 'promenade'], [
      { id: 'main', from: null, to: 'plaza', widthM: 6 },
      { id: 'second', from: null, to: 'promenade', widthM: 4 },
      { id: 'walk', from: 'plaza', to: 'promenade', widthM: 8 },
    ]);
    const people = { plaza: 220, promenade: 310 };
    // Open: the plaza is in front of nobody: 220 / (6 + 4) x 82 (through its gate and the promenade's) = 0.3 min.
    expect(egressTimes(egressNetwork(floor, { exitFlowRate: RATE }), people).zones.plaza).toBe(0.3);
    // Main gate blocked: the plaza's people queue behind the promenade's at the 4 m gate: (220 + 310) / 328 = 1.6 min, not 220 / 328 = 0.7.
    const blocked = egressTimes(egressNetwork(floor, { exitFlowRate: RATE, closed: new Set(['main']) }), people);
    expect(blocked).toEqual({ floor: 1.6, zones: { plaza: 1.6, promenade: Math.round((310 / 328) * 10) / 10 } });
  });

  it('counts everyone for each zone past 6 closed gates (the floor\'s time, on the safe side)', () => {
    // Rooms a-g, each with a 1 m exit and a 10 m door to the hub h, which has a 1 m exit; 82 people in each.
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const rooms = venue(ids, ids.flatMap((id) => [{ id: `exit-${id}`, from: id, to: null, widthM: 1 }, ...(id === 'h' ? [] : [{ id: `door-${id}`, from: id, to: 'h', widthM: 10 }])]));
    const occupancy = Object.fromEntries(ids.map((id) => [id, 82]));
    const exits = (n: number) => new Set(ids.slice(0, n).map((id) => `exit-${id}`));
    // Six exits closed: room a queues behind the hub only, out by the hub's exit and room g's: (82 + 82) / 164 = 1.0 min.
    expect(egressTimes(egressNetwork(rooms, { exitFlowRate: RATE, closed: exits(6) }), occupancy).zones.a).toBe(1.0);
    // Seven: only h's 1 m exit is left, and every zone counts everyone: 8 x 82 / 82 = 8.0 min.
    const times = egressTimes(egressNetwork(rooms, { exitFlowRate: RATE, closed: exits(7) }), occupancy);
    expect(times).toEqual({ floor: 8.0, zones: Object.fromEntries(ids.map((id) => [id, 8.0])) });
  });

  it('splits people over two routes in the best way', () => {
    // a (820) has its own 1 m exit and a 10 m door to b (0 people) with a 4 m exit: 820 / (5 x 82) = 2.0 min.
    const pair = venue(['a', 'b'], [
      { id: 'a-out', from: 'a', to: null, widthM: 1 },
      { id: 'ab', from: 'a', to: 'b', widthM: 10 },
      { id: 'b-out', from: 'b', to: null, widthM: 4 },
    ]);
    expect(egressTimes(egressNetwork(pair, { exitFlowRate: RATE }), { a: 820, b: 0 })).toEqual({ floor: 2.0, zones: { a: 2.0, b: 0 } });
  });

  it('leaves out gates without a width and entrances excluded from the evacuation; says "unknown" for zones without a route', () => {
    const partial = venue(['a', 'b'], [
      { id: 'turnstiles', from: null, to: 'a', widthM: 5, emergencyExit: false },
      { id: 'exit', from: null, to: 'a', widthM: 1 },
      { id: 'ab', from: 'a', to: 'b' },
    ]);
    expect(egressTimes(egressNetwork(partial, { exitFlowRate: RATE }), { a: 82, b: 10 })).toEqual({ floor: null, zones: { a: 1.0, b: null } });
  });

  it('uses the venue\'s exit flow rate', () => {
    const room = venue(['room'], [{ id: 'exit', from: 'room', to: null, widthM: 2 }]);
    expect(egressTimes(egressNetwork(room, { exitFlowRate: 40 }), { room: 400 }).floor).toBe(5.0);
  });
});

/** A seeded random connected venue: zones in a tree with some extra links, one to three exits. */
const randomVenue = fc
  .record({
    zones: fc.integer({ min: 1, max: 7 }),
    parents: fc.array(fc.nat(), { minLength: 7, maxLength: 7 }),
    extras: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.double({ min: 0.5, max: 6, noNaN: true })), { maxLength: 4 }),
    widths: fc.array(fc.double({ min: 0.5, max: 6, noNaN: true }), { minLength: 7, maxLength: 7 }),
    exits: fc.array(fc.tuple(fc.nat(), fc.double({ min: 0.5, max: 8, noNaN: true })), { minLength: 1, maxLength: 3 }),
    people: fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 7, maxLength: 7 }),
  })
  .map(({ zones, parents, extras, widths, exits, people }) => {
    const ids = Array.from({ length: zones }, (_, i) => `z${i}`);
    const gates: Array<Pick<Gate, 'id' | 'from' | 'to' | 'widthM'>> = [];
    for (let i = 1; i < zones; i++) gates.push({ id: `t${i}`, from: `z${parents[i]! % i}`, to: `z${i}`, widthM: widths[i]! });
    extras.forEach(([a, b, w], k) => {
      if (a % zones !== b % zones) gates.push({ id: `x${k}`, from: `z${a % zones}`, to: `z${b % zones}`, widthM: w });
    });
    exits.forEach(([z, w], k) => gates.push({ id: `e${k}`, from: `z${z % zones}`, to: null, widthM: w }));
    return { venue: venue(ids, gates), occupancy: Object.fromEntries(ids.map((id, i) => [id, people[i]!])) };
  });

const slower = (a: number | null, b: number | null) => (a === null ? Infinity : a) >= (b === null ? Infinity : b) - 1e-9;

describe('time to clear, properties (seeded random venues)', () => {
  it('more width at any gate never increases a time', () => {
    fc.assert(
      fc.property(randomVenue, fc.nat(), fc.double({ min: 0.1, max: 5, noNaN: true }), ({ venue: v, occupancy }, pick, extra) => {
        const gate = pick % v.gates.length;
        const wider = { ...v, gates: v.gates.map((g, i) => (i === gate ? { ...g, widthM: g.widthM! + extra } : g)) };
        const before = egressTimes(egressNetwork(v, { exitFlowRate: RATE }), occupancy);
        const after = egressTimes(egressNetwork(wider, { exitFlowRate: RATE }), occupancy);
        expect(slower(before.floor, after.floor)).toBe(true);
        for (const zone of Object.keys(before.zones)) expect(slower(before.zones[zone]!, after.zones[zone]!), zone).toBe(true);
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  it('blocking an exit (or any gate) never decreases a time', () => {
    fc.assert(
      fc.property(randomVenue, fc.nat(), ({ venue: v, occupancy }, pick) => {
        const gate = v.gates[pick % v.gates.length]!.id;
        const open = egressTimes(egressNetwork(v, { exitFlowRate: RATE }), occupancy);
        const blocked = egressTimes(egressNetwork(v, { exitFlowRate: RATE, closed: new Set([gate]) }), occupancy);
        expect(slower(blocked.floor, open.floor)).toBe(true);
        for (const zone of Object.keys(open.zones)) expect(slower(blocked.zones[zone]!, open.zones[zone]!), zone).toBe(true);
      }),
      { seed: 1018, numRuns: 300 },
    );
  });

  it('blocking more gates on top of closed ones never decreases a time', () => {
    fc.assert(
      fc.property(randomVenue, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), ({ venue: v, occupancy }, first, more) => {
        const pick = (picks: number[]) => picks.map((p) => v.gates[p % v.gates.length]!.id);
        const some = new Set(pick(first));
        const all = new Set([...some, ...pick(more)]);
        const before = egressTimes(egressNetwork(v, { exitFlowRate: RATE, closed: some }), occupancy);
        const after = egressTimes(egressNetwork(v, { exitFlowRate: RATE, closed: all }), occupancy);
        expect(slower(after.floor, before.floor)).toBe(true);
        for (const zone of Object.keys(before.zones)) expect(slower(after.zones[zone]!, before.zones[zone]!), zone).toBe(true);
      }),
      { seed: 2018, numRuns: 300 },
    );
  });

  it('is never faster than the exits allow, nor than any zone\'s own doors allow', () => {
    fc.assert(
      fc.property(randomVenue, ({ venue: v, occupancy }) => {
        const network = egressNetwork(v, { exitFlowRate: RATE });
        const people = network.zoneIds.map((id) => occupancy[id] ?? 0);
        const floor = quickestClearMinutes(network, people);
        const total = people.reduce((a, b) => a + b, 0);
        const exitCapacity = network.links.filter((l) => l.a === -1 || l.b === -1).reduce((sum, l) => sum + l.capacity, 0);
        expect(floor).toBeGreaterThanOrEqual(total / exitCapacity - 1e-9);
        network.zoneIds.forEach((_, i) => {
          const doors = network.links.filter((l) => (l.a === i) !== (l.b === i)).reduce((sum, l) => sum + l.capacity, 0);
          expect(floor).toBeGreaterThanOrEqual(people[i]! / doors - 1e-9);
        });
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});
