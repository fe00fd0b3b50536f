/**
 * People counters that report running totals since power-on: the increment of a report is its total
 * minus the device's previous total. A device never seen before counts from zero (its totals are the
 * people it counted since power-on); a total that drops means the device restarted from zero, so the
 * new total is the increment (no negative spike), unless it drops from the top of a 16-bit counter to
 * its bottom (65,535 wrapped round to 0: the people counted across the wrap are kept); a report older
 * than the last one applied is already contained in it and adds nothing; a jump larger than a counting
 * line could see in the time since the last report is not counted: the totals become the new baseline
 * (a device swapped or re-addressed, a corrupted frame), and the step says so. Nor is a step larger
 * than MAX_TOTALS_STEP (the most one increment report may carry), even from a device seen for the
 * first time or after a restart: a device gone wrong or a forged report ("implausible").
 * The Redis store applies the same rules in its ingest script (store/lua/ingest-counts.lua).
 */

/** The most one running-totals report may add, in and out each: the cap of an increment report. */
export const MAX_TOTALS_STEP = 10_000;
export interface DeviceTotals {
  inTotal: number;
  outTotal: number;
  atMs: number;
}

export interface TotalsStep {
  in: number;
  out: number;
  /** The device's totals after this report. */
  next: DeviceTotals;
  kind: 'increment' | 'restart' | 'wrap' | 'stale' | 'jump' | 'implausible';
}

/** Counters of 16 bits count 0…65,535 and wrap round to 0. */
export const WRAP_MODULUS = 65_536;
/** A drop from at least this close to the top to below it, at the bottom, is a wrap, not a restart. */
export const WRAP_WINDOW = 4_096;
/** Persons a counting line can plausibly see: a base for bursts, plus so many per second since the last report. */
export const JUMP_BASE = 500;
export const JUMP_PER_SECOND = 20;

function wrapped(last: number, total: number): boolean {
  return last >= WRAP_MODULUS - WRAP_WINDOW && last < WRAP_MODULUS && total < WRAP_WINDOW;
}

/** The most persons a line can count between two reports `elapsedMs` apart. */
export function plausibleIncrement(elapsedMs: number): number {
  return JUMP_BASE + JUMP_PER_SECOND * Math.max(0, elapsedMs) / 1000;
}

export function stepTotals(previous: DeviceTotals | undefined, report: DeviceTotals): TotalsStep {
  const last = previous ?? { inTotal: 0, outTotal: 0, atMs: -Infinity };
  if (report.atMs < last.atMs) return { in: 0, out: 0, next: last, kind: 'stale' };
  const inDrop = report.inTotal < last.inTotal;
  const outDrop = report.outTotal < last.outTotal;
  if ((inDrop && !wrapped(last.inTotal, report.inTotal)) || (outDrop && !wrapped(last.outTotal, report.outTotal))) {
    if (report.inTotal > MAX_TOTALS_STEP || report.outTotal > MAX_TOTALS_STEP) return { in: 0, out: 0, next: report, kind: 'implausible' };
    return { in: report.inTotal, out: report.outTotal, next: report, kind: 'restart' };
  }
  const inStep = inDrop ? WRAP_MODULUS - last.inTotal + report.inTotal : report.inTotal - last.inTotal;
  const outStep = outDrop ? WRAP_MODULUS - last.outTotal + report.outTotal : report.outTotal - last.outTotal;
  // A device seen for the first time has no interval to judge by: only the cap bounds its totals.
  if (previous && inStep + outStep > plausibleIncrement(report.atMs - last.atMs)) return { in: 0, out: 0, next: report, kind: 'jump' };
  if (inStep > MAX_TOTALS_STEP || outStep > MAX_TOTALS_STEP) return { in: 0, out: 0, next: report, kind: 'implausible' };
  return { in: inStep, out: outStep, next: report, kind: inDrop || outDrop ? 'wrap' : 'increment' };
}
