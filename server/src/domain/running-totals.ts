/**
 * People counters that report running totals since power-on: the increment of a report is its total
 * minus the device's previous total. A device never seen before counts from zero (its totals are the
 * people it counted since power-on); a total that drops means the device restarted from zero, so the
 * new total is the increment (no negative spike); a report older than the last one applied is already
 * contained in it and adds nothing.
 */
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
  kind: 'increment' | 'restart' | 'stale';
}

export function stepTotals(previous: DeviceTotals | undefined, report: DeviceTotals): TotalsStep {
  const last = previous ?? { inTotal: 0, outTotal: 0, atMs: -Infinity };
  if (report.atMs < last.atMs) return { in: 0, out: 0, next: last, kind: 'stale' };
  if (report.inTotal < last.inTotal || report.outTotal < last.outTotal) {
    return { in: report.inTotal, out: report.outTotal, next: report, kind: 'restart' };
  }
  return { in: report.inTotal - last.inTotal, out: report.outTotal - last.outTotal, next: report, kind: 'increment' };
}
