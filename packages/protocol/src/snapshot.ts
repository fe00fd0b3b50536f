import { z } from 'zod';
import { Instant } from './primitives.ts';

export const DENSITY_LEVELS = ['normal', 'busy', 'crowded', 'critical'] as const;
export const DensityLevel = z.enum(DENSITY_LEVELS);
export type DensityLevel = z.infer<typeof DensityLevel>;

export const Totals = z.object({
  inside: z.int(),
  entriesToday: z.int(),
  exitsToday: z.int(),
  peakInside: z.int(),
  /** When today's peak was first reached; null while nothing has happened today. */
  peakAt: Instant.nullable(),
});
export const ZoneFigures = z.object({
  occupancy: z.int(),
  density: z.number(),
  level: DensityLevel,
  /** An extension: a gate feeding the zone is offline, so its figures may be wrong (always sent by this server). */
  uncertain: z.boolean().optional(),
  /** An extension: persons dropped because a count would have taken the zone below 0, since its last recount. */
  drift: z.int().optional(),
});
export const StandFigures = z.object({ checkinsToday: z.int(), checkinsLast15m: z.int() });
export const GateFigures = z.object({
  inToday: z.int(),
  outToday: z.int(),
  lastReportAt: Instant.nullable(),
  online: z.boolean(),
});
export const IncidentCounts = z.object({ open: z.int(), acknowledged: z.int(), resolvedToday: z.int() });

/** Every live figure at one `seq`: `GET /api/v1/stats` and the `snapshot` event. */
export const Snapshot = z.object({
  seq: z.int(),
  at: Instant,
  totals: Totals,
  zones: z.record(z.string(), ZoneFigures),
  stands: z.record(z.string(), StandFigures),
  gates: z.record(z.string(), GateFigures),
  incidents: IncidentCounts,
  /**
   * An extension: present and true when the store cannot be read and these are the last known
   * figures (GET /stats during a Redis outage).
   */
  stale: z.literal(true).optional(),
});
export type Snapshot = z.infer<typeof Snapshot>;
export type Totals = z.infer<typeof Totals>;
export type ZoneFigures = z.infer<typeof ZoneFigures>;
export type StandFigures = z.infer<typeof StandFigures>;
export type GateFigures = z.infer<typeof GateFigures>;
export type IncidentCounts = z.infer<typeof IncidentCounts>;

/** A partial snapshot: objects merge key by key, other values replace; always with `seq` and `at`. */
export const Delta = z.object({
  seq: z.int(),
  at: Instant,
  totals: Totals.partial().optional(),
  zones: z.record(z.string(), ZoneFigures.partial()).optional(),
  stands: z.record(z.string(), StandFigures.partial()).optional(),
  gates: z.record(z.string(), GateFigures.partial()).optional(),
  incidents: IncidentCounts.partial().optional(),
});
export type Delta = z.infer<typeof Delta>;

/**
 * `GET /api/v1/clock` (extension): the venue's clock as the server resolves it. From each `from` on,
 * local time is UTC plus `offsetMinutes`; the stretches cover the last 40 days and the next 10.
 */
export const VenueClock = z.object({
  timezone: z.string(),
  now: Instant,
  offsets: z.array(z.object({ from: Instant, offsetMinutes: z.int() })).min(1),
});
export type VenueClock = z.infer<typeof VenueClock>;
