import { describe, expect, it } from 'vitest';
import { applyDelta, CountBody, diffSnapshots, type Snapshot } from '../src/index.ts';

const base: Snapshot = {
  seq: 1,
  at: '2022-10-15T10:00:00.000Z',
  totals: { inside: 10, entriesToday: 12, exitsToday: 2, peakInside: 10, peakAt: '2022-10-15T10:00:00.000Z' },
  zones: { hall: { occupancy: 10, density: 0.1, level: 'normal' }, stage: { occupancy: 0, density: 0, level: 'normal' } },
  stands: { S1: { checkinsToday: 1, checkinsLast15m: 1 } },
  gates: { door: { inToday: 12, outToday: 2, lastReportAt: '2022-10-15T10:00:00.000Z', online: true } },
  incidents: { open: 0, acknowledged: 0, resolvedToday: 0 },
};

describe('diffSnapshots and applyDelta', () => {
  it('carries only the fields that changed, and applying it gives the new snapshot', () => {
    const next: Snapshot = structuredClone(base);
    next.seq = 2;
    next.at = '2022-10-15T10:00:01.000Z';
    next.totals.inside = 11;
    next.zones.stage = { occupancy: 1, density: 0.02, level: 'normal' };
    next.gates.door!.online = false;
    const { seq: _s, at: _a, ...before } = base;
    const { seq: _s2, at: _a2, ...after } = next;
    const changed = diffSnapshots(before, after);
    expect(changed).toEqual({ totals: { inside: 11 }, zones: { stage: { occupancy: 1, density: 0.02 } }, gates: { door: { online: false } } });
    expect(applyDelta(base, { seq: 2, at: next.at, ...changed })).toEqual(next);
  });

  it('finds no change between equal snapshots', () => {
    const { seq: _s, at: _a, ...figures } = base;
    expect(diffSnapshots(figures, structuredClone(figures))).toBeNull();
  });

  it('does not mutate the snapshot it applies to', () => {
    const copy = structuredClone(base);
    applyDelta(base, { seq: 2, at: base.at, zones: { hall: { occupancy: 99 } } });
    expect(base).toEqual(copy);
  });

  it('replaces null with a value and a value with null', () => {
    const applied = applyDelta(base, { seq: 2, at: base.at, totals: { peakAt: null } });
    expect(applied.totals.peakAt).toBeNull();
  });
});

describe('CountBody', () => {
  const report = { id: 'a', gate: 'g', in: 1, out: 0, at: '2022-10-15T10:00:00+01:00' };
  it('takes one report or an array of them, always giving an array', () => {
    expect(CountBody.parse(report)).toEqual([report]);
    expect(CountBody.parse([report, report])).toHaveLength(2);
  });
  it('refuses an instant without a time zone', () => {
    expect(CountBody.safeParse({ ...report, at: '2022-10-15T10:00:00' }).success).toBe(false);
  });

  it('diffs and merges the crowd-flow sections (issue 18), also when the snapshot before had none', () => {
    const forecast = { in30m: 5, in60m: 9, clearIn30m: 0.1, clearIn60m: 0.2, busyAt: null, crowdedAt: null, criticalAt: null, clearAtBusy: null, clearAtCrowded: null, clearAtCritical: null };
    const egress = { floorMinutes: 1.5, targetMinutes: 8, exitFlowRate: 82, zonesOverTarget: 0, closedGates: 0 };
    const withFlow: Snapshot = { ...structuredClone(base), egress, forecast: { hall: forecast } };
    const { seq: _s, at: _a, ...before } = base;
    const { seq: _s2, at: _a2, ...after } = withFlow;
    expect(diffSnapshots(before, after)).toEqual({ egress, forecast: { hall: forecast } });
    const later: Snapshot = { ...structuredClone(withFlow), seq: 3, egress: { ...egress, floorMinutes: 2 }, forecast: { hall: { ...forecast, in30m: 6 } } };
    const { seq: _s3, at: _a3, ...latest } = later;
    const changed = diffSnapshots(after, latest);
    expect(changed).toEqual({ egress: { floorMinutes: 2 }, forecast: { hall: { in30m: 6 } } });
    expect(applyDelta(withFlow, { seq: 3, at: later.at, ...changed })).toEqual(later);
  });
});
