import { describe, expect, it } from 'vitest';
import { REPEAT_SCAN_WINDOW_MS } from '@fairwatch/protocol';
import type { FieldItem, Tap } from '../src/lib/field/field-queue-types.ts';
import { UNDO_MS, keepScans, pendingAt, readBadge, repeatOf, reportsOf, sealable } from '../src/lib/field/field-rules.ts';

const tap = (gate: string, direction: Tap['direction'], n: number, atMs: number): Tap => ({ id: `${gate}-${direction}-${atMs}`, gate, direction, n, atMs });

describe('a tally’s taps', () => {
  it('are sealed only once their undo window is over', () => {
    const taps = [tap('g', 'in', 1, 0), tap('g', 'in', 1, 5_000)];
    expect(sealable(taps, UNDO_MS - 1)).toEqual([]);
    expect(sealable(taps, UNDO_MS).map((t) => t.atMs)).toEqual([0]);
  });

  it('become one count report per gate, dated by its latest tap, split past 10,000 a way', () => {
    let n = 0;
    const reports = reportsOf([tap('a', 'in', 10, 1_000), tap('a', 'out', 5, 3_000), tap('b', 'in', 1, 2_000), tap('a', 'in', 1, 2_000)], () => `id-${n++}`);
    expect(reports).toEqual([
      { id: 'id-0', gate: 'a', in: 11, out: 5, at: new Date(3_000).toISOString() },
      { id: 'id-1', gate: 'b', in: 1, out: 0, at: new Date(2_000).toISOString() },
    ]);
    const big = reportsOf([tap('a', 'in', 10_000, 0), tap('a', 'in', 10_000, 0), tap('a', 'out', 3, 0), tap('a', 'in', 7, 0)], () => `x${n++}`);
    expect(big.map((r) => [r.in, r.out])).toEqual([[10_000, 3], [10_000, 0], [7, 0]]);
  });

  it('count as pending at their gate with the queued reports not yet refused', () => {
    const item = (gate: string, inCount: number, refused?: string): FieldItem => ({ kind: 'count', id: gate + inCount, report: { id: gate + inCount, gate, in: inCount, out: 1, at: '2022-10-15T10:00:00Z' }, queuedAt: '', attempts: 0, ...(refused && { refused }) });
    expect(pendingAt('a', [tap('a', 'in', 2, 0), tap('b', 'out', 9, 0)], [item('a', 4), item('b', 8), item('a', 100, 'bad')])).toEqual({ in: 6, out: 1 });
  });
});

describe('a badge', () => {
  it('is read from a QR code or typed text: trimmed, upper case, with a digit, no URL', () => {
    expect(readBadge(' b-24 017\n')).toEqual({ ok: true, badge: 'B-24017' });
    expect(readBadge('')).toEqual({ ok: false, reason: 'empty' });
    expect(readBadge('https://example.com/1')).toEqual({ ok: false, reason: 'notBadge' });
    expect(readBadge('VISITOR')).toEqual({ ok: false, reason: 'notBadge' });
    expect(readBadge('x'.repeat(64) + '1')).toEqual({ ok: false, reason: 'notBadge' });
  });

  it('scanned again within the window is a repeat of its latest scan; the list keeps the window and the last five', () => {
    const scans = [{ badge: 'B1', atMs: 0, repeat: false }, { badge: 'B1', atMs: 60_000, repeat: true }, { badge: 'B2', atMs: 30_000, repeat: false }];
    expect(repeatOf(scans, 'B1', 120_000)?.atMs).toBe(60_000);
    expect(repeatOf(scans, 'B1', 60_000 + REPEAT_SCAN_WINDOW_MS)).toBeNull();
    expect(repeatOf(scans, 'B3', 1)).toBeNull();
    let kept: typeof scans = [];
    for (let i = 0; i < 8; i++) kept = keepScans(kept, { badge: `B${i}`, atMs: i * REPEAT_SCAN_WINDOW_MS, repeat: false });
    expect(kept.map((s) => s.badge)).toEqual(['B7', 'B6', 'B5', 'B4', 'B3']);
  });
});
