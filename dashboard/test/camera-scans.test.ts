import { describe, expect, it } from 'vitest';
import { CameraScans, GONE_MS, UNREADABLE_EVERY_MS } from '../src/lib/field/camera-scans.ts';

const badge = (text: string) => [{ kind: 'text' as const, text }];
const damaged = [{ kind: 'unreadable' as const }];

describe('the scanner camera’s frames', () => {
  it('check a badge in once however many frames show it, and again once it was out of view', () => {
    const scans = new CameraScans();
    const run = scans.start();
    expect(scans.frame(run, badge('B-1'), 0)).toEqual({ kind: 'checkIn', text: 'B-1' });
    for (let ms = 200; ms <= 5_000; ms += 200) expect(scans.frame(run, badge('B-1'), ms)).toBeNull();
    expect(scans.frame(run, [], 5_000 + GONE_MS)).toBeNull(); // just gone: still the same scan
    expect(scans.frame(run, badge('B-1'), 5_000 + GONE_MS + 100)).toBeNull();
    expect(scans.frame(run, [], 5_100 + 2 * GONE_MS + 1)).toBeNull();
    expect(scans.frame(run, badge('B-1'), 5_100 + 2 * GONE_MS + 200)).toEqual({ kind: 'checkIn', text: 'B-1' });
    expect(scans.frame(run, badge('B-2'), 9_000)).toEqual({ kind: 'checkIn', text: 'B-2' });
  });

  it('count nothing for a frame still being read when the camera stopped, nor after a restart', () => {
    const scans = new CameraScans();
    const first = scans.start();
    expect(scans.frame(first, badge('B-1'), 0)).toEqual({ kind: 'checkIn', text: 'B-1' });
    scans.stop(); // the guard taps "stop" while a frame showing B-1 is being decoded
    expect(scans.current(first)).toBe(false);
    expect(scans.frame(first, badge('B-1'), 300)).toBeNull();
    const second = scans.start();
    expect(scans.frame(first, badge('B-9'), 400)).toBeNull();
    // A new start is a new look: the badge shown again counts (the page flags it as a repeat).
    expect(scans.frame(second, badge('B-1'), 500)).toEqual({ kind: 'checkIn', text: 'B-1' });
  });

  it('say a damaged code is unreadable now and then, not at every frame', () => {
    const scans = new CameraScans();
    const run = scans.start();
    const said = [0, 200, 400, UNREADABLE_EVERY_MS, UNREADABLE_EVERY_MS + 1, 2 * UNREADABLE_EVERY_MS + 2].filter((ms) => scans.frame(run, damaged, ms)?.kind === 'unreadable');
    expect(said).toEqual([0, UNREADABLE_EVERY_MS + 1, 2 * UNREADABLE_EVERY_MS + 2]);
  });
});
