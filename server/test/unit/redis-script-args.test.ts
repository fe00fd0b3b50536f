import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loggedCountOf, type PreparedCount } from '../../src/domain/floor-counters.ts';
import { countsScriptArgs, loggedCountJson } from '../../src/store/redis-scripts.ts';

const options = { prefix: '{fw}:', idTtlSeconds: 3600, logMaxEntries: 1000 };
const context = { nowMs: Date.UTC(2026, 11, 2, 9), nowIso: '2026-12-02T09:00:00.000Z', today: '2026-12-02' };
const main = { from: null, to: 'plaza' };
const inner = { from: 'plaza', to: 'hall' };

function report(overrides: Partial<PreparedCount>): PreparedCount {
  return { id: 'r', gate: 'main', line: main, in: 1, out: 0, at: '2026-12-02T08:59:00.000Z', atMs: Date.UTC(2026, 11, 2, 8, 59), day: '2026-12-02', hour: 9, ...overrides };
}

describe('ingest-counts.lua arguments', () => {
  it('writes the log JSON of a report as JSON.stringify does, whatever its strings hold', () => {
    const text = fc.string({ unit: 'binary', maxLength: 20 });
    fc.assert(
      fc.property(text, text, text, fc.option(text, { nil: undefined }), fc.nat(2 ** 31), fc.nat(2 ** 31), (id, gate, at, device, inCount, outCount) => {
        const r = report({ id, gate, at, device, in: inCount, out: outCount });
        expect(loggedCountJson(r)).toBe(JSON.stringify(loggedCountOf(r)));
      }),
    );
  });

  it('sends what reports share once per cell, and each report names its cell', () => {
    const batch = [
      report({ id: 'a' }),
      report({ id: 'b', in: 3, at: '2026-12-02T08:59:30.000Z' }),
      report({ id: 'c', gate: 'inner', line: inner, out: 2 }),
      report({ id: 'd', hour: 10 }),
      report({ id: 'e', device: 'counter-1', in: 500, atMs: 1 }),
      report({ id: 'f', day: '2026-12-01', hour: undefined, atMs: Date.UTC(2026, 11, 1, 23, 30) }),
    ];
    const [headerJson, ...items] = countsScriptArgs(batch, context, options);
    const header = JSON.parse(headerJson!) as { fields: string[]; cells: Record<string, string[]> };
    const stride = header.fields.length;
    expect(items).toHaveLength(batch.length * stride);
    const field = (i: number, name: string) => items[i * stride + header.fields.indexOf(name)]!;
    expect(batch.map((r, i) => field(i, 'id'))).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const cellOf = (i: number) => header.cells[field(i, 'cell')];
    expect(cellOf(0)).toEqual(['main', '', 'plaza', '2026-12-02', '9', '']);
    expect(field(1, 'cell')).toBe(field(0, 'cell'));
    expect(cellOf(2)).toEqual(['inner', 'plaza', 'hall', '2026-12-02', '9', '']);
    expect(cellOf(3)).toEqual(['main', '', 'plaza', '2026-12-02', '10', '']);
    expect(cellOf(4)).toEqual(['main', '', 'plaza', '2026-12-02', '9', 'counter-1']);
    // Without a venue hour, the UTC hour of its time.
    expect(cellOf(5)).toEqual(['main', '', 'plaza', '2026-12-01', '23', '']);
    expect(Object.keys(header.cells)).toHaveLength(5);
    expect([field(1, 'in'), field(2, 'out'), field(4, 'in')]).toEqual(['3', '2', '500']);
    // The time in ms: running totals' order, and the instant whose reports are applied before peaks are taken.
    expect([field(0, 'atMs'), field(4, 'atMs')]).toEqual([String(Date.UTC(2026, 11, 2, 8, 59)), '1']);
    expect(batch.map((r, i) => field(i, 'logged'))).toEqual(batch.map((r) => JSON.stringify(loggedCountOf(r))));
    expect(JSON.parse(field(4, 'logged'))).toEqual({ id: 'e', gate: 'main', at: '2026-12-02T08:59:00.000Z', device: 'counter-1', inTotal: 500, outTotal: 0 });
  });
});
