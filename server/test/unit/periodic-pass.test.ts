import { afterEach, describe, expect, it, vi } from 'vitest';
import { PeriodicPass } from '../../src/live/periodic-pass.ts';

afterEach(() => vi.useRealTimers());

describe('PeriodicPass', () => {
  it('never runs two passes at once: a pass asked for while one runs is skipped', async () => {
    let release!: () => void;
    let runs = 0;
    const pass = new PeriodicPass(async () => {
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      return 'done';
    }, 'skipped', () => {});
    const first = pass.run();
    expect(await pass.run()).toBe('skipped');
    release();
    expect(await first).toBe('done');
    expect(runs).toBe(1);
  });

  it('reports a failing pass, answers as skipped, and runs again at the next', async () => {
    const failures: unknown[] = [];
    let fail = true;
    const pass = new PeriodicPass(async () => {
      if (fail) throw new Error('store down');
      return 1;
    }, 0, (error) => failures.push(error));
    expect(await pass.run()).toBe(0);
    expect(failures).toEqual([new Error('store down')]);
    fail = false;
    expect(await pass.run()).toBe(1);
  });

  it('runs every interval once started, and no more once stopped', async () => {
    vi.useFakeTimers();
    let runs = 0;
    const pass = new PeriodicPass(async () => void runs++, undefined, () => {});
    pass.start(1_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(3);
    pass.stop();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(3);
  });
});
