import type { Checkin, CountReport } from '@fairwatch/protocol';
import { MAX_BATCH } from '@fairwatch/protocol';
import type { StandScan } from './checkins.ts';
import type { GateCount } from './model.ts';

/** Most people one count report may carry each way (the contract's limit). */
const MAX_PER_REPORT = 10_000;

/**
 * The count reports of one model step. Ids are `${run}-${step}-g${gate index}` (plus a part number in
 * the unlikely case of more than 10,000 people), made once, so a retried batch carries the same ids.
 * All-zero counts are skipped unless `heartbeat`, which a real counter sends so it shows as online.
 */
export function countReportsOf(run: string, step: number, counts: readonly GateCount[], heartbeat: boolean, at: string): CountReport[] {
  const reports: CountReport[] = [];
  counts.forEach((count, index) => {
    if (!heartbeat && count.in === 0 && count.out === 0) return;
    let remainingIn = count.in;
    let remainingOut = count.out;
    for (let part = 0; part === 0 || remainingIn > 0 || remainingOut > 0; part++) {
      const inPart = Math.min(MAX_PER_REPORT, remainingIn);
      const outPart = Math.min(MAX_PER_REPORT, remainingOut);
      remainingIn -= inPart;
      remainingOut -= outPart;
      const id = part === 0 ? `${run}-${step}-g${index}` : `${run}-${step}-g${index}-${part}`;
      reports.push({ id, gate: count.gate, in: inPart, out: outPart, at });
    }
  });
  return reports;
}

/** The check-ins of one model step, ids `${run}-${step}-c${index}`. */
export function checkinsOf(run: string, step: number, scans: readonly StandScan[], at: string): Checkin[] {
  return scans.map((scan, index) => {
    const checkin: Checkin = { id: `${run}-${step}-c${index}`, stand: scan.stand, at };
    if (scan.badge !== undefined) checkin.badge = scan.badge;
    return checkin;
  });
}

/** Splits a list into request bodies the server accepts (at most MAX_BATCH items each). */
export function batchesOf<T>(items: readonly T[], size = MAX_BATCH): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}
