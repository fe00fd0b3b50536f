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
export const CheckinBody = oneOrMany(Checkin);

/** The answer to an accepted ingest request (202). */
export const IngestResult = z.object({ accepted: z.int(), duplicates: z.int() });
export type IngestResult = z.infer<typeof IngestResult>;
