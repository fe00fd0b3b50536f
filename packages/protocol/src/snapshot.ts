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
  /**
   * An extension (issue 18): minutes to evacuate the zone's people, and those of the zones in front of it
   * on its routes out, through the open exits at the venue's exit flow rate; null when it has no route
   * with known widths or every way out is closed.
   */
  timeToClearMin: z.number().nullable().optional(),
});
export const StandFigures = z.object({
  checkinsToday: z.int(),
  checkinsLast15m: z.int(),
  /**
   * An extension (issue 17): today's check-ins of a badge already scanned at the stand within
   * REPEAT_SCAN_WINDOW_MS, counted in `checkinsToday` too (always sent by this server).
   */
  repeatsToday: z.int().optional(),
});
/** Fruin's walkway levels of service, A (free) to F (above 82 persons/m/min). */
export const LEVELS_OF_SERVICE = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export const LevelOfService = z.enum(LEVELS_OF_SERVICE);
export type LevelOfService = z.infer<typeof LevelOfService>;

export const GateFigures = z.object({
  inToday: z.int(),
  outToday: z.int(),
  lastReportAt: Instant.nullable(),
  online: z.boolean(),
  /** An extension (issue 18): persons per metre of width per minute, both ways, last minute / last 5 minutes; null without a width. */
  flow1m: z.number().nullable().optional(),
  flow5m: z.number().nullable().optional(),
  /** An extension: Fruin's level of service of `flow1m`; null without a width. */
  levelOfService: LevelOfService.nullable().optional(),
  /** An extension: closed by operations (audited); the times to clear leave it out until reopened. */
  closed: z.boolean().optional(),
});

/** An extension (issue 18): the whole floor's time to clear and what it is measured against. */
export const EgressFigures = z.object({
  /** Minutes to evacuate everyone inside through the open exits; null when someone has no way out or widths are missing. */
  floorMinutes: z.number().nullable(),
  /** The venue's evacuation target (Green Guide: 8 minutes). */
  targetMinutes: z.number(),
  /** Persons per metre per minute the times assume (Green Guide: 82). */
  exitFlowRate: z.number(),
  /** Zones whose time to clear is over the target (or who have no way out). */
  zonesOverTarget: z.int(),
  /** Gates closed for real by operations. */
  closedGates: z.int(),
});

/** An extension (issue 18): a zone's next hour from its recent inflow and the programme. */
export const ZoneForecast = z.object({
  in30m: z.int(),
  in60m: z.int(),
  clearIn30m: z.number().nullable(),
  clearIn60m: z.number().nullable(),
  /** When within the hour the zone would reach each level above its current one (to the minute), else null. */
  busyAt: Instant.nullable(),
  crowdedAt: Instant.nullable(),
  criticalAt: Instant.nullable(),
  /** Its time to clear at those moments (minutes). */
  clearAtBusy: z.number().nullable(),
  clearAtCrowded: z.number().nullable(),
  clearAtCritical: z.number().nullable(),
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
  /** An extension (issue 18), always sent by this server. */
  egress: EgressFigures.optional(),
  /** An extension (issue 18): per zone, always sent by this server. */
  forecast: z.record(z.string(), ZoneForecast).optional(),
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
export type EgressFigures = z.infer<typeof EgressFigures>;
export type ZoneForecast = z.infer<typeof ZoneForecast>;

/** A partial snapshot: objects merge key by key, other values replace; always with `seq` and `at`. */
export const Delta = z.object({
  seq: z.int(),
  at: Instant,
  totals: Totals.partial().optional(),
  zones: z.record(z.string(), ZoneFigures.partial()).optional(),
  stands: z.record(z.string(), StandFigures.partial()).optional(),
  gates: z.record(z.string(), GateFigures.partial()).optional(),
  incidents: IncidentCounts.partial().optional(),
  egress: EgressFigures.partial().optional(),
  forecast: z.record(z.string(), ZoneForecast.partial()).optional(),
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
