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
    expect(forged).toMatchObject({ in: 0, out: 0, kind: 'implausible' });
    expect(stepTotals(forged.next, { inTotal: 2_147_483_005, outTotal: 11, atMs: 3 })).toMatchObject({ in: 5, out: 1, kind: 'increment' });
    // A new device whose first totals are beyond the cap, and a restart to beyond it, add nothing either.
    expect(stepTotals(undefined, { inTotal: MAX_TOTALS_STEP + 1, outTotal: 0, atMs: 1 })).toMatchObject({ in: 0, kind: 'implausible' });
    expect(stepTotals({ inTotal: 900_000, outTotal: 0, atMs: 1 }, { inTotal: 50_000, outTotal: 0, atMs: 2 })).toMatchObject({ in: 0, kind: 'implausible' });
    expect(stepTotals({ inTotal: 0, outTotal: 0, atMs: 1 }, { inTotal: MAX_TOTALS_STEP, outTotal: 0, atMs: 2 })).toMatchObject({ in: MAX_TOTALS_STEP, kind: 'increment' });
  });
});
