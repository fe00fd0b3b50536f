import { describe, expect, it } from 'vitest';
import { levelOfService } from '@fairwatch/venue';
import { GateFlowMeter } from '../../src/domain/gate-flow.ts';

const T0 = Date.parse('2022-10-15T15:00:00.000Z');
const MIN = 60_000;

describe("Fruin's levels of service for walkways", () => {
  it('puts D from 49, E from 66 and F above 82 persons/m/min, with A-C below', () => {
    expect([0, 22.9, 23, 32.9, 33, 48.9, 49, 65.9, 66, 82, 82.1].map(levelOfService)).toEqual(['A', 'A', 'B', 'B', 'C', 'C', 'D', 'D', 'E', 'E', 'F']);
  });
});

describe('flow through a gate', () => {
  it('divides the crossings of the last minute and of the last 5 minutes by the width and the window', () => {
    const meter = new GateFlowMeter();
    // 2 m gate: 100 crossings a minute for 5 minutes, then 200 in the last minute.
    let total = 1_000; // counted earlier in the day: not a burst
    meter.record('g', T0, total);
    for (let m = 1; m <= 4; m++) meter.record('g', T0 + m * MIN, (total += 100));
    meter.record('g', T0 + 5 * MIN, (total += 200));
    const flow = meter.flow('g', 2, T0 + 5 * MIN + 1_000);
    expect(flow).toEqual({ flow1m: 100, flow5m: 60, levelOfService: 'F' });
    // A quiet minute later the last minute is empty and the level back to A.
    expect(meter.flow('g', 2, T0 + 6 * MIN + 1_000)).toMatchObject({ flow1m: 0, levelOfService: 'A' });
  });

  it('does not read the day so far as a burst when it starts, and starts over on a new day', () => {
    const meter = new GateFlowMeter();
    meter.record('g', T0, 5_000);
    expect(meter.flow('g', 1, T0 + 1_000)?.flow1m).toBe(0);
    meter.record('g', T0 + 2_000, 5_049);
    expect(meter.flow('g', 1, T0 + 3_000)).toMatchObject({ flow1m: 49, levelOfService: 'D' });
    meter.record('g', T0 + 10_000, 12); // midnight: today's count restarts
    expect(meter.flow('g', 1, T0 + 11_000)?.flow1m).toBe(0);
  });

  it('has no flow for a gate without a width', () => {
    expect(new GateFlowMeter().flow('g', undefined, T0)).toBeNull();
  });
});
