/**
 * The field phones' pure rules, unit tested: sealing a tally's taps into count reports once their undo
 * window is over, what still waits per gate, and what a scanned or typed badge is.
 */
import { isRepeatScan, type CountReport } from '@fairwatch/protocol';
import type { FieldItem, Tap } from './field-queue-types.ts';

/** A tap can be undone this long; only then is it sealed into a count report (nothing to take back). */
export const UNDO_MS = 10_000;
/** The contract's most persons one count report carries each way. */
const MAX_PER_REPORT = 10_000;

/** Taps whose undo window is over at `nowMs`. */
export function sealable(taps: readonly Tap[], nowMs: number): Tap[] {
  return taps.filter((tap) => nowMs - tap.atMs >= UNDO_MS);
}

/** Count reports for taps: one per gate (more past 10,000 a way), dated by the gate's latest tap. */
export function reportsOf(taps: readonly Tap[], newId: () => string): CountReport[] {
  const byGate = new Map<string, { in: number; out: number; atMs: number }>();
  for (const tap of taps) {
    const sum = byGate.get(tap.gate) ?? { in: 0, out: 0, atMs: 0 };
    sum[tap.direction] += tap.n;
    sum.atMs = Math.max(sum.atMs, tap.atMs);
    byGate.set(tap.gate, sum);
  }
  const reports: CountReport[] = [];
  for (const [gate, sum] of byGate) {
    let { in: left, out: right } = sum;
    do {
      const inNow = Math.min(left, MAX_PER_REPORT);
      const outNow = Math.min(right, MAX_PER_REPORT);
      reports.push({ id: newId(), gate, in: inNow, out: outNow, at: new Date(sum.atMs).toISOString() });
      left -= inNow;
      right -= outNow;
    } while (left > 0 || right > 0);
  }
  return reports;
}

/** What the phone counted at a gate that the server does not have yet: taps and queued reports. */
export function pendingAt(gate: string, taps: readonly Tap[], items: readonly FieldItem[]): { in: number; out: number } {
  const pending = { in: 0, out: 0 };
  for (const tap of taps) if (tap.gate === gate) pending[tap.direction] += tap.n;
  for (const item of items) {
    if (item.kind !== 'count' || item.refused || item.report.gate !== gate) continue;
    pending.in += item.report.in;
    pending.out += item.report.out;
  }
  return pending;
}

/** A badge's text: letters, digits, dot, dash, underscore, with at least one digit; 1 to 64 characters. */
const BADGE = /^(?=.*\d)[A-Za-z0-9._-]{1,64}$/;

export type BadgeReading = { ok: true; badge: string } | { ok: false; reason: 'empty' | 'notBadge' };

/** What a QR code or a typed number says, as a badge: trimmed, upper case, or why it is not one. */
export function readBadge(text: string): BadgeReading {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (!trimmed) return { ok: false, reason: 'empty' };
  if (!BADGE.test(trimmed)) return { ok: false, reason: 'notBadge' };
  return { ok: true, badge: trimmed.toUpperCase() };
}

/** A scan the phone remembers: to tell a repeat before the server does (also offline), and to list. */
export interface RecentScan {
  badge: string;
  atMs: number;
  repeat: boolean;
}

/** Scans listed on the page even once their repeat window is over. */
const LISTED = 5;

/** The latest scan of `badge` within the repeat window of `nowMs`, if any. */
export function repeatOf(recent: readonly RecentScan[], badge: string, nowMs: number): RecentScan | null {
  return recent.filter((scan) => scan.badge === badge && isRepeatScan(scan.atMs, nowMs)).sort((a, b) => b.atMs - a.atMs)[0] ?? null;
}

/** The scans to keep after a new one: newest first, those within the repeat window and at least the last few. */
export function keepScans(recent: readonly RecentScan[], scan: RecentScan): RecentScan[] {
  const all = [scan, ...recent].sort((a, b) => b.atMs - a.atMs);
  return all.filter((entry, index) => index < LISTED || isRepeatScan(entry.atMs, scan.atMs));
}
