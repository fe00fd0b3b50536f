import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CountBody, parseCountBody } from '@fairwatch/protocol';

// Mostly valid values, so that an item is often valid but for one field; and values at and past every limit.
const mostly = <T, U>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<U>) => fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: other, weight: 1 });
const identifier = mostly(fc.constantFrom('g', 'x'.repeat(128), 'main-gate'), fc.oneof(fc.constantFrom('', 'x'.repeat(129)), fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)));
const edgeCounts = fc.constantFrom(-0, 10_000, 10_001, 2 ** 31, 2 ** 31 + 1, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity, '3', null);
const count = mostly(fc.integer({ min: 0, max: 10_000 }), fc.oneof(edgeCounts, fc.integer({ min: -5, max: 2 ** 32 })));
const instant = mostly(
  fc.oneof(fc.constantFrom('2026-12-02T08:00:00.123+01:00', '2024-02-29T08:00:00Z'), fc.date({ noInvalidDate: true, min: new Date(0), max: new Date(Date.UTC(9999, 0)) }).map((d) => d.toISOString())),
  fc.oneof(fc.constantFrom('2026-12-02T08:00:00', '2026-02-29T08:00:00Z', '2026-12-02T24:00:00Z', '2026-12-02 08:00:00Z', ''), fc.string({ maxLength: 6 })),
);
const item = fc.oneof(
  fc.record({ id: identifier, gate: identifier, in: count, out: count, at: instant, device: identifier, inTotal: count, outTotal: count, note: fc.string() }, { requiredKeys: [] }),
  fc.record({ id: identifier, gate: identifier, in: count, out: count, at: instant }),
  fc.record({ id: identifier, gate: identifier, device: identifier, inTotal: count, outTotal: count, at: instant }),
  fc.constantFrom(null, 'report', 3, [], Object.create(null) as object),
);
const body = fc.oneof(item, fc.array(item, { maxLength: 4 }), fc.constant([]));

describe('parseCountBody', () => {
  it('gives what CountBody.safeParse gives, for well-formed and malformed batches alike', () => {
    fc.assert(
      fc.property(body, (b) => {
        const fast = parseCountBody(b);
        const schema = CountBody.safeParse(b);
        expect(fast.success).toBe(schema.success);
        if (fast.success && schema.success) expect(fast.data).toStrictEqual(schema.data);
        else expect(fast.error?.issues).toEqual(schema.error?.issues);
      }),
      { numRuns: 3_000 },
    );
  });

  it('reads both forms, drops unknown fields and refuses a batch over the limit', () => {
    const plain = { id: 'a', gate: 'main', in: 2, out: 1, at: '2026-12-02T08:00:00Z', note: 'x' };
    const totals = { id: 'b', gate: 'main', device: 'c-1', inTotal: 70_000, outTotal: 5, at: '2026-12-02T08:00:00Z' };
    expect(parseCountBody([plain, totals])).toEqual({ success: true, data: [{ id: 'a', gate: 'main', in: 2, out: 1, at: '2026-12-02T08:00:00Z' }, totals] });
    expect(parseCountBody(plain).data).toHaveLength(1);
    expect(parseCountBody(Array.from({ length: 1001 }, () => plain)).success).toBe(false);
  });
});
