import { describe, expect, it } from 'vitest';
import { REPEAT_SCAN_WINDOW_MS } from '@fairwatch/protocol';
import { isRepeatScan, StandScans } from '../../src/domain/stand-scans.ts';

const MIN = 60_000;

describe('repeat scans at a stand', () => {
  it('is a repeat within the window either way in time, not at its end', () => {
    expect(isRepeatScan(undefined, 0)).toBe(false);
    expect(isRepeatScan(0, REPEAT_SCAN_WINDOW_MS - 1)).toBe(true);
    expect(isRepeatScan(REPEAT_SCAN_WINDOW_MS - 1, 0)).toBe(true);
    expect(isRepeatScan(0, REPEAT_SCAN_WINDOW_MS)).toBe(false);
  });

  it('counts repeats per day and stand, compares with the latest scan, and keeps two days of sightings', () => {
    const scans = new StandScans();
    expect(scans.note('d1', 'S1', 'B', 0)).toBe(false);
    expect(scans.note('d1', 'S2', 'B', 1 * MIN)).toBe(false);
    expect(scans.note('d1', 'S1', 'B', 5 * MIN)).toBe(true);
    expect(scans.note('d1', 'S1', 'B', 14 * MIN)).toBe(true); // 9 minutes after the latest
    expect(scans.note('d1', 'S1', 'B', 30 * MIN)).toBe(false);
    expect(scans.note('d1', 'S1', 'B', 2 * MIN)).toBe(false); // late: 28 minutes before the latest
    expect(Object.fromEntries(scans.repeats.get('d1')!)).toEqual({ S1: 2 });
    scans.note('d2', 'S1', 'B', 0);
    scans.note('d3', 'S1', 'B', 0);
    // d1's sightings are forgotten, its repeats stay in the figures.
    expect(scans.note('d1', 'S1', 'B', 30 * MIN)).toBe(false);
    expect(scans.repeats.get('d1')!.get('S1')).toBe(2);
  });
});
