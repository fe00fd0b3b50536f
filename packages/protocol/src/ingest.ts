import { z } from 'zod';
import { Identifier, Instant, MAX_BATCH } from './primitives.ts';

/** A people-counter report for one counting line: `in` moved from `from` to `to`, `out` the reverse. */
export const CountReport = z.object({
  id: Identifier,
  gate: Identifier,
  in: z.int().min(0).max(10_000),
  out: z.int().min(0).max(10_000),
  at: Instant,
});
export type CountReport = z.infer<typeof CountReport>;

/**
 * An extension of the contract for counters that send running totals since power-on: a lost post
 * heals with the next one. The server turns totals into increments per gate and device.
 */
export const CumulativeCountReport = z.object({
  id: Identifier,
  gate: Identifier,
  device: Identifier,
  inTotal: z.int().min(0).max(2 ** 31),
  outTotal: z.int().min(0).max(2 ** 31),
  at: Instant,
});
export type CumulativeCountReport = z.infer<typeof CumulativeCountReport>;

/** Either form of count report. */
export const AnyCountReport = z.union([CountReport, CumulativeCountReport]);
export type AnyCountReport = z.infer<typeof AnyCountReport>;

export function isCumulative(report: AnyCountReport): report is CumulativeCountReport {
  return 'inTotal' in report;
}

/** A visitor scanned at an exhibitor's stand. */
export const Checkin = z.object({
  id: Identifier,
  stand: Identifier,
  badge: Identifier.optional(),
  at: Instant,
});
export type Checkin = z.infer<typeof Checkin>;

/** The body of an ingest request: one item or an array of 1 to MAX_BATCH, always parsed to an array. */
export function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((body) => (Array.isArray(body) ? body : [body]), z.array(item).min(1).max(MAX_BATCH));
}
export const CountBody = oneOrMany(AnyCountReport);

// The checks of the schemas above, written out for the ingest path (zod took about a tenth of the
// server's time per report in Redis mode). Each is meant to pass exactly where its schema does.
const INSTANT = (Instant as unknown as { _zod: { pattern: RegExp } })._zod.pattern;
const isIdentifier = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 128;
const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= max;
const isInstant = (v: unknown): v is string => typeof v === 'string' && INSTANT.test(v);

/** One item as AnyCountReport parses it (the first form that fits, unknown fields dropped), or null if unsure. */
function countReportOf(item: unknown): AnyCountReport | null {
  if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) return null;
  const r = item as Record<string, unknown>;
  const { id, gate, at } = r;
  if (!isIdentifier(id) || !isIdentifier(gate) || !isInstant(at)) return null;
  if (isCount(r.in, 10_000) && isCount(r.out, 10_000)) return { id, gate, in: r.in, out: r.out, at };
  if (isIdentifier(r.device) && isCount(r.inTotal, 2 ** 31) && isCount(r.outTotal, 2 ** 31)) return { id, gate, device: r.device, inTotal: r.inTotal, outTotal: r.outTotal, at };
  return null;
}

/**
 * `CountBody.safeParse(body)`, the same result, quicker: a well-formed batch is read by the checks
 * above; anything else (an error to describe, a form they do not know) goes through the schema.
 */
export function parseCountBody(body: unknown): ReturnType<typeof CountBody.safeParse> {
  const items = Array.isArray(body) ? body : [body];
  if (items.length >= 1 && items.length <= MAX_BATCH) {
    const data: AnyCountReport[] = [];
    for (const item of items) {
      const report = countReportOf(item);
      if (!report) return CountBody.safeParse(body);
      data.push(report);
    }
    return { success: true, data };
  }
  return CountBody.safeParse(body);
}
export const CheckinBody = oneOrMany(Checkin);

/** The answer to an accepted ingest request (202). */
export const IngestResult = z.object({ accepted: z.int(), duplicates: z.int() });
export type IngestResult = z.infer<typeof IngestResult>;
