import { z } from 'zod';

const Id = z.string().min(1).max(128);
/** A text in the three languages of the product. */
export const LocalizedText = z.object({ ar: z.string().min(1), fr: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Metres on the floor plan: x to the east, y to the north, origin at the south-west corner. */
export const Point = z.tuple([z.number().finite(), z.number().finite()]);
export type Point = z.infer<typeof Point>;
export const Polygon = z.array(Point).min(3);
export type Polygon = z.infer<typeof Polygon>;

export const ZONE_KINDS = ['exhibit', 'stage', 'seminar', 'circulation', 'service'] as const;

/** Densities (persons/m²) at which a zone becomes busy, crowded, critical; strictly increasing. */
export const Thresholds = z
  .object({ busy: z.number().positive(), crowded: z.number().positive(), critical: z.number().positive() })
  .refine((t) => t.busy < t.crowded && t.crowded < t.critical, {
    message: 'thresholds must increase: busy < crowded < critical',
  });
export type Thresholds = z.infer<typeof Thresholds>;

export const Zone = z.object({
  id: Id,
  name: LocalizedText,
  kind: z.enum(ZONE_KINDS),
  polygon: Polygon,
  areaM2: z.number().positive(),
  /** Safe capacity in persons. */
  capacity: z.int().positive(),
  thresholds: Thresholds,
});
export type Zone = z.infer<typeof Zone>;

export const Stand = z.object({
  id: Id,
  zone: Id,
  name: LocalizedText,
  polygon: Polygon,
});
export type Stand = z.infer<typeof Stand>;

/** A counting line: `in` people move from `from` to `to`, `out` the reverse; null is outside. */
export const Gate = z.object({
  id: Id,
  name: LocalizedText,
  from: Id.nullable(),
  to: Id.nullable(),
  position: Point,
});
export type Gate = z.infer<typeof Gate>;

/** A programme slot that draws a crowd into a zone: a show, a seminar. Times are local to the venue. */
export const ProgrammeSlot = z.object({
  id: Id,
  zone: Id,
  title: LocalizedText,
  /** Local start "HH:MM". */
  start: z.string().regex(/^\d\d:\d\d$/),
  minutes: z.int().positive().max(1440),
  /** Venue days ("YYYY-MM-DD") it happens on; every day when absent. */
  days: z.array(z.string().regex(/^\d{4}-\d\d-\d\d$/)).optional(),
  /** Persons expected: the pre-alert says which level the zone would reach. */
  expected: z.int().positive().optional(),
  /** Minutes ahead of the start that the pre-alert is raised (default 30). */
  leadMinutes: z.int().positive().max(240).optional(),
});
export type ProgrammeSlot = z.infer<typeof ProgrammeSlot>;

export const Venue = z.object({
  id: Id,
  name: LocalizedText,
  timezone: z.string().min(1),
  width: z.number().positive(),
  height: z.number().positive(),
  /** Local opening hours, "HH:MM" (an extension of the contract; the simulator and charts use them). */
  openingHours: z.object({ open: z.string().regex(/^\d\d:\d\d$/), close: z.string().regex(/^\d\d:\d\d$/) }).optional(),
  /**
   * Issue 17: `closingReset`: at `at` (local "HH:MM"; default: the closing hour of `openingHours`) the
   * floor is reset to zero every night, audited, the residue reported as drift (open-air fairs empty
   * every night). `driftShare`: a counted figure off by more than this share of the zone's capacity
   * (at a head count or at the reset) raises a `drift` alert (default 0.05).
   */
  closingReset: z.object({ at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional() }).optional(),
  driftShare: z.number().min(0).max(1).optional(),
  /** Where the density thresholds come from (an extension of the contract). */
  thresholdsSource: z.string().optional(),
  /**
   * Minutes after which an open incident of that severity, not yet acknowledged, is escalated (an
   * extension of the contract); `DEFAULT_ESCALATION` applies when absent.
   */
  escalation: z.object({ high: z.number().positive().max(1440), critical: z.number().positive().max(1440) }).optional(),
  /**
   * Crowd pullers of the day (an extension of the contract): the operations view pre-alerts their zone
   * `leadMinutes` before they start.
   */
  programme: z.array(ProgrammeSlot).optional(),
  zones: z.array(Zone).min(1),
  stands: z.array(Stand),
  gates: z.array(Gate).min(1),
});
export type Venue = z.infer<typeof Venue>;
export type EscalationPolicy = NonNullable<Venue['escalation']>;

/** Minutes before an unacknowledged high or critical incident is escalated, when the venue does not say. */
export const DEFAULT_ESCALATION: EscalationPolicy = { high: 10, critical: 3 };

/** The venue's escalation times, or the defaults. */
export function escalationPolicyOf(venue: Pick<Venue, 'escalation'>): EscalationPolicy {
  return venue.escalation ?? DEFAULT_ESCALATION;
}
