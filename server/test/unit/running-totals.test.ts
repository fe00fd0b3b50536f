import { describe, expect, it } from 'vitest';
import { MAX_TOTALS_STEP, stepTotals } from '../../src/domain/running-totals.ts';

describe('stepTotals', () => {
  it('counts a new device from zero', () => {
    expect(stepTotals(undefined, { inTotal: 12, outTotal: 3, atMs: 1 })).toMatchObject({ in: 12, out: 3, kind: 'increment' });
  });

  it('takes the difference to the previous totals', () => {
    expect(stepTotals({ inTotal: 12, outTotal: 3, atMs: 1 }, { inTotal: 20, outTotal: 3, atMs: 2 })).toEqual({
      in: 8, out: 0, kind: 'increment', next: { inTotal: 20, outTotal: 3, atMs: 2 },
    });
  });

  it('heals a lost report: the next total carries what it counted', () => {
    const first = stepTotals(undefined, { inTotal: 5, outTotal: 0, atMs: 1 });
    // the report at atMs 2 (totals 9) was lost
    expect(stepTotals(first.next, { inTotal: 14, outTotal: 1, atMs: 3 })).toMatchObject({ in: 9, out: 1 });
  });

  it('re-baselines after a power cycle without a negative spike', () => {
    expect(stepTotals({ inTotal: 400, outTotal: 380, atMs: 5 }, { inTotal: 6, outTotal: 1, atMs: 6 })).toMatchObject({ in: 6, out: 1, kind: 'restart' });
    expect(stepTotals({ inTotal: 400, outTotal: 380, atMs: 5 }, { inTotal: 401, outTotal: 2, atMs: 6 })).toMatchObject({ in: 401, out: 2, kind: 'restart' });
  });

  it('ignores a report older than the last one applied', () => {
    const last = { inTotal: 50, outTotal: 10, atMs: 10 };
    expect(stepTotals(last, { inTotal: 40, outTotal: 8, atMs: 9 })).toEqual({ in: 0, out: 0, next: last, kind: 'stale' });
  });

  it('adds nothing for a step larger than one report may carry, and counts on from the new totals', () => {
    const forged = stepTotals({ inTotal: 100, outTotal: 10, atMs: 1 }, { inTotal: 2_147_483_000, outTotal: 10, atMs: 2 });
    // Beyond what a line could count in the time since the last report: the rate rule refuses it first.
    expect(forged).toMatchObject({ in: 0, out: 0, kind: 'jump' });
    expect(stepTotals(forged.next, { inTotal: 2_147_483_005, outTotal: 11, atMs: 3 })).toMatchObject({ in: 5, out: 1, kind: 'increment' });
    // A new device whose first totals are beyond the cap, and a restart to beyond it, add nothing either.
    expect(stepTotals(undefined, { inTotal: MAX_TOTALS_STEP + 1, outTotal: 0, atMs: 1 })).toMatchObject({ in: 0, kind: 'implausible' });
    expect(stepTotals({ inTotal: 900_000, outTotal: 0, atMs: 1 }, { inTotal: 50_000, outTotal: 0, atMs: 2 })).toMatchObject({ in: 0, kind: 'implausible' });
    // The cap itself counts, when the line had the time to see that many (the rate rule below).
    expect(stepTotals({ inTotal: 0, outTotal: 0, atMs: 1 }, { inTotal: MAX_TOTALS_STEP, outTotal: 0, atMs: 1 + 3_600_000 })).toMatchObject({ in: MAX_TOTALS_STEP, kind: 'increment' });
  });
});

describe('stepTotals on 16-bit counters and implausible jumps', () => {
  it('keeps the people counted across a wrap from 65,535 to 0', () => {
    expect(stepTotals({ inTotal: 65_530, outTotal: 100, atMs: 0 }, { inTotal: 4, outTotal: 103, atMs: 60_000 })).toMatchObject({ in: 10, out: 3, kind: 'wrap' });
  });

  it('takes a drop from the middle of the range as a restart, not a wrap', () => {
    expect(stepTotals({ inTotal: 30_000, outTotal: 100, atMs: 0 }, { inTotal: 4, outTotal: 103, atMs: 60_000 })).toMatchObject({ in: 4, out: 103, kind: 'restart' });
  });

  it('counts nothing for a jump no line could count in the time, and takes it as the new baseline', () => {
    const step = stepTotals({ inTotal: 100, outTotal: 100, atMs: 0 }, { inTotal: 40_100, outTotal: 100, atMs: 10_000 });
    expect(step).toMatchObject({ in: 0, out: 0, kind: 'jump', next: { inTotal: 40_100 } });
    expect(stepTotals(step.next, { inTotal: 40_110, outTotal: 101, atMs: 20_000 })).toMatchObject({ in: 10, out: 1, kind: 'increment' });
  });

  it('accepts a large step when enough time passed for it', () => {
    expect(stepTotals({ inTotal: 100, outTotal: 0, atMs: 0 }, { inTotal: 3_100, outTotal: 0, atMs: 3_600_000 })).toMatchObject({ in: 3_000, kind: 'increment' });
  });
});
