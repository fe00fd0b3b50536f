/**
 * People counters that report running totals since power-on: the increment of a report is its total
 * minus the device's previous total. A device never seen before counts from zero (its totals are the
 * people it counted since power-on); a total that drops means the device restarted from zero, so the
 * new total is the increment (no negative spike); a report older than the last one applied is already
 * contained in it and adds nothing. A step larger than MAX_TOTALS_STEP (the most one increment report
 * may carry) is not people counted but a device gone wrong or a forged report: it adds nothing and the
 * new totals become the baseline ("implausible"), so the next honest report counts from them.
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
  kind: 'increment' | 'restart' | 'stale' | 'implausible';
}

export function stepTotals(previous: DeviceTotals | undefined, report: DeviceTotals): TotalsStep {
  const last = previous ?? { inTotal: 0, outTotal: 0, atMs: -Infinity };
  if (report.atMs < last.atMs) return { in: 0, out: 0, next: last, kind: 'stale' };
  const restart = report.inTotal < last.inTotal || report.outTotal < last.outTotal;
  const step = restart ? { in: report.inTotal, out: report.outTotal } : { in: report.inTotal - last.inTotal, out: report.outTotal - last.outTotal };
  if (step.in > MAX_TOTALS_STEP || step.out > MAX_TOTALS_STEP) return { in: 0, out: 0, next: report, kind: 'implausible' };
  return { ...step, next: report, kind: restart ? 'restart' : 'increment' };
}
