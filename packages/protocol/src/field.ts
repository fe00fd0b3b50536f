import { z } from 'zod';
import { DensityLevel } from './snapshot.ts';
import { Instant } from './primitives.ts';

/**
 * What the phones on the floor read (an extension of the contract, issue 17): a steward's tally
 * counter and an exhibitor's stand scanner see only their gates' or their stand's figures, with the
 * names they need to show, since neither may read the venue or the whole floor's figures.
 */
const Names = z.object({ ar: z.string(), fr: z.string(), en: z.string() });

/** One gate as a tally counter shows it: today's counts and the level of the zone it leads into. */
export const FieldGate = z.object({
  id: z.string(),
  name: Names,
  inToday: z.int(),
  outToday: z.int(),
  lastReportAt: Instant.nullable(),
  /** The zone `in` leads into (the gate's `to`, or its `from` for a gate that leads outside). */
  zone: z.object({ id: z.string(), name: Names, occupancy: z.int(), level: DensityLevel }).nullable(),
});
export type FieldGate = z.infer<typeof FieldGate>;

/** `GET /api/v1/field/gates`: every gate the caller may count for. */
export const FieldGates = z.object({ at: Instant, timezone: z.string(), gates: z.array(FieldGate) });
export type FieldGates = z.infer<typeof FieldGates>;

/** `GET /api/v1/field/stands/:id`: one stand's figures for its scanner. */
export const FieldStand = z.object({
  at: Instant,
  /** The venue's time zone, for the times the phone shows. */
  timezone: z.string(),
  id: z.string(),
  name: Names,
  checkinsToday: z.int(),
  checkinsLast15m: z.int(),
  /** Check-ins today of a badge already scanned at this stand within REPEAT_SCAN_WINDOW_MS. */
  repeatsToday: z.int(),
});
export type FieldStand = z.infer<typeof FieldStand>;

/** A badge scanned again at the same stand within this window is a repeat: counted, and flagged. */
export const REPEAT_SCAN_WINDOW_MS = 10 * 60_000;

/**
 * Whether a scan at `atMs` repeats one of the same badge at the same stand last seen at `lastMs`: the
 * server's rule for the stand's figures, and the phone's for its message.
 */
export function isRepeatScan(lastMs: number | undefined, atMs: number, windowMs = REPEAT_SCAN_WINDOW_MS): boolean {
  return lastMs !== undefined && Math.abs(atMs - lastMs) < windowMs;
}
