import { describe, expect, it } from 'vitest';
import { levelOfService } from '@fairwatch/venue';
import { gateFlows, netInflowPerMinute } from '../../src/domain/gate-flow.ts';

const MIN = 60_000;
const T0 = Date.parse('2022-10-15T15:00:00.000Z');
const minute = (offset: number) => Math.floor(T0 / MIN) + offset;

describe("Fruin's levels of service for walkways", () => {
  it('puts D from 49, E from 66 and F above 82 persons/m/min, with A-C below', () => {
    expect([0, 22.9, 23, 32.9, 33, 48.9, 49, 65.9, 66, 82, 82.1].map(levelOfService)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E', 'F']);
  });
});

describe('flow through a gate', () => {
  const widths = new Map([['g', 2]]);
  // 2 m gate: 100 crossings in each of four minutes, then 200 so far in the current one.
  const crossings = [
    ...[-4, -3, -2, -1].map((m) => ({ minute: minute(m), gate: 'g', in: 60, out: 40 })),
    { minute: minute(0), gate: 'g', in: 200, out: 0 },
    { minute: minute(-9), gate: 'g', in: 5_000, out: 0 }, // too old to count
  ];

  it('divides the last minute and the last 5 minutes by the width', () => {
    // Last minute: the busier of now (200) and the minute before (100): 100 persons/m/min. 5 minutes: 600 / 5 / 2 = 60.
    expect(gateFlows(crossings, widths, T0 + 20_000).get('g')).toEqual({ flow1m: 100, flow5m: 60, levelOfService: 'F' });
  });

  it('keeps the last full minute when a new one starts, and forgets it a minute later', () => {
    // A minute on, the last minute is the full 200; the 5 minutes drop the oldest 100: 500 / 5 / 2 = 50.
    expect(gateFlows(crossings, widths, T0 + MIN + 1_000).get('g')).toMatchObject({ flow1m: 100, flow5m: 50 });
    expect(gateFlows(crossings, widths, T0 + 2 * MIN + 1_000).get('g')).toMatchObject({ flow1m: 0, levelOfService: 'A', flow5m: 40 });
  });

  it('has no flow for gates without a width', () => {
    expect(gateFlows(crossings, new Map(), T0).size).toBe(0);
  });
});

describe('net inflow per zone', () => {
  it('moves people along each line over the 5 complete minutes before the current one', () => {
    const lines = new Map([['door', { from: null, to: 'hall' }], ['hall-stage', { from: 'hall', to: 'stage' }]]);
    const crossings = [
      ...[-5, -4, -3, -2, -1].map((m) => ({ minute: minute(m), gate: 'door', in: 30, out: 10 })),
      { minute: minute(-1), gate: 'hall-stage', in: 50, out: 0 },
      { minute: minute(0), gate: 'door', in: 999, out: 0 }, // the current minute is not complete
    ];
    expect(netInflowPerMinute(crossings, lines, T0 + 30_000)).toEqual({ hall: 20 - 10, stage: 10 });
  });
});
