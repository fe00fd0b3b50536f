import { z } from 'zod';

const Id = z.string().min(1).max(128);
/** A local time of day "HH:MM" (00:00 to 23:59); `24:00` too where a day's end is meant. */
const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day "HH:MM"');
const DayEnd = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day "HH:MM" (or 24:00)');

/** Whether this runtime knows the IANA time zone (a venue served with an unknown one could not tell its days). */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
/** A text in the three languages of the product. */
export const LocalizedText = z.object({ ar: z.string().min(1).max(500), fr: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Metres on the floor plan: x to the east, y to the north, origin at the south-west corner. */
export const Point = z.tuple([z.number().finite(), z.number().finite()]);
export type Point = z.infer<typeof Point>;
export const Polygon = z.array(Point).min(3).max(1_000); // VENUE_LIMITS.vertices
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
  /** Why the capacity differs from the calculator's proposal (issue 16: the admin's override, kept with it). */
  capacityNote: z.string().max(500).optional(),
  thresholds: Thresholds,
});
export type Zone = z.infer<typeof Zone>;

export const Stand = z.object({
  id: Id,
  zone: Id,
  name: LocalizedText,
  polygon: Polygon,
  /** The exhibitor behind the stand (issue 16: the exhibitors' spreadsheet), as the organiser writes it. */
  cooperative: z.string().max(200).optional(),
});
export type Stand = z.infer<typeof Stand>;

/**
 * The clear width a gate may declare (m): below half a metre not even one person passes (Fruin's body
 * ellipse is 0.46 m across the shoulders); the cross-checks also refuse a gate wider than the floor.
 */
export const GATE_WIDTH_LIMITS = { min: 0.5, max: 200 } as const;

/** A counting line: `in` people move from `from` to `to`, `out` the reverse; null is outside. */
export const Gate = z.object({
  id: Id,
  name: LocalizedText,
  from: Id.nullable(),
  to: Id.nullable(),
  position: Point,
  /**
   * Clear width of the opening in metres (an extension, issue 18): flow per metre and time to clear use
   * it. A gate without a width has no known capacity: it carries no flow figure and no evacuation route.
   */
  widthM: z
    .number()
    .min(GATE_WIDTH_LIMITS.min, `a clear width of at least ${GATE_WIDTH_LIMITS.min} m (one person's shoulders)`)
    .max(GATE_WIDTH_LIMITS.max, `a clear width of at most ${GATE_WIDTH_LIMITS.max} m`)
    .optional(),
  /**
   * An extension (issue 18): `true` marks a designated emergency exit (drawn as one); `false` keeps a gate
   * to the outside out of the evacuation (e.g. turnstiles that cannot take a crowd). Absent: a gate to the
   * outside with a width is an exit.
   */
  emergencyExit: z.boolean().optional(),
});
export type Gate = z.infer<typeof Gate>;

/** Fruin's levels of service for walkways, best (A) to worst (F). */
export const LEVELS_OF_SERVICE = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type LevelOfService = (typeof LEVELS_OF_SERVICE)[number];

/**
 * The bounds of each crowd-flow setting, shared by the schema (server and studio) and the studio's
 * inputs. Exit flow: the UK Green Guide gives 82 p/m/min for level exits and 66 for stairways; 20 is a
 * slow, mixed crowd, 120 is well past any guide's figure. Target: the Green Guide's 8 minutes is the
 * usual maximum (2.5 for high fire risk); 20 already asks a lot of a crowd. Hold: half a minute to
 * half an hour.
 */
export const CROWD_FLOW_LIMITS = {
  exitFlowRate: { min: 20, max: 120 },
  evacuationTargetMinutes: { min: 1, max: 20 },
  gateFlowAlertMinutes: { min: 0.5, max: 30 },
} as const;
/** The levels a gate-flow alert may be set at: A is every flow, so an alert there would never clear. */
export const GATE_FLOW_ALERT_LEVELS = ['B', 'C', 'D', 'E', 'F'] as const;

const bounded = (limits: { min: number; max: number }, unit: string) =>
  z.number().min(limits.min, `from ${limits.min} to ${limits.max} ${unit}`).max(limits.max, `from ${limits.min} to ${limits.max} ${unit}`);

/** Crowd-flow settings of a venue (an extension, issue 18); every field has a default (`crowdFlowOf`). */
export const CrowdFlowSettings = z.object({
  /** Persons per metre of exit width per minute in an evacuation (UK Green Guide, level exits: 82). */
  exitFlowRate: bounded(CROWD_FLOW_LIMITS.exitFlowRate, 'persons/m/min').optional(),
  /** Minutes within which the floor should clear (UK Green Guide: 8 for most venues). */
  evacuationTargetMinutes: bounded(CROWD_FLOW_LIMITS.evacuationTargetMinutes, 'minutes').optional(),
  /** A gate whose flow stays at or above this level of service for `gateFlowAlertMinutes` raises an alert. */
  gateFlowAlertLevel: z.enum(GATE_FLOW_ALERT_LEVELS).optional(),
  gateFlowAlertMinutes: bounded(CROWD_FLOW_LIMITS.gateFlowAlertMinutes, 'minutes').optional(),
});
export type CrowdFlowSettings = Required<z.infer<typeof CrowdFlowSettings>>;

export const DEFAULT_CROWD_FLOW: CrowdFlowSettings = { exitFlowRate: 82, evacuationTargetMinutes: 8, gateFlowAlertLevel: 'E', gateFlowAlertMinutes: 2 };

/** The venue's crowd-flow settings, each missing one at its default. */
export function crowdFlowOf(venue: Pick<Venue, 'crowdFlow'>): CrowdFlowSettings {
  return { ...DEFAULT_CROWD_FLOW, ...Object.fromEntries(Object.entries(venue.crowdFlow ?? {}).filter(([, value]) => value !== undefined)) };
}

/** A programme slot that draws a crowd into a zone: a show, a seminar. Times are local to the venue. */
export const ProgrammeSlot = z.object({
  id: Id,
  zone: Id,
  title: LocalizedText,
  /** Local start "HH:MM". */
  start: TimeOfDay,
  minutes: z.int().positive().max(1440),
  /** Venue days ("YYYY-MM-DD") it happens on; every day when absent. */
  days: z.array(z.string().regex(/^\d{4}-\d\d-\d\d$/)).optional(),
  /** Persons expected: the pre-alert says which level the zone would reach. */
  expected: z.int().positive().optional(),
  /** Minutes ahead of the start that the pre-alert is raised (default 30). */
  leadMinutes: z.int().positive().max(240).optional(),
});
export type ProgrammeSlot = z.infer<typeof ProgrammeSlot>;

/**
 * The organiser's floor-plan image under the map (an extension, issue 16): the stored image by its
 * sha256, its size in pixels, its scale, where its top-left pixel lies in venue metres and how far it
 * is turned clockwise. Without a plan the map draws a blank grid in metres.
 */
export const FloorPlan = z.object({
  image: z.string().regex(/^[0-9a-f]{64}$/, 'the sha256 (64 lowercase hex digits) of an uploaded plan image'),
  widthPx: z.int().positive().max(100_000),
  heightPx: z.int().positive().max(100_000),
  metresPerPixel: z.number().positive().finite(),
  origin: Point,
  rotationDeg: z.number().min(-180).max(180),
});
export type FloorPlan = z.infer<typeof FloorPlan>;

/** Most items of each kind a venue may hold: what an editor or an upload can grow is bounded. */
export const VENUE_LIMITS = { zones: 500, stands: 10_000, gates: 1_000, programme: 2_000, vertices: 1_000, totalVertices: 60_000 } as const;

export const Venue = z.object({
  id: Id,
  name: LocalizedText,
  timezone: z.string().min(1).max(64).refine(knownTimeZone, 'an IANA time zone, e.g. Africa/Casablanca'),
  width: z.number().positive(),
  height: z.number().positive(),
  /** Local opening hours, "HH:MM" (an extension of the contract; the simulator and charts use them). */
  openingHours: z.object({ open: TimeOfDay, close: DayEnd }).optional(),
  /**
   * Issue 17: `closingReset`: at `at` (local "HH:MM"; default: the closing hour of `openingHours`) the
   * floor is reset to zero every night, audited, the residue reported as drift (open-air fairs empty
   * every night). `driftShare`: a counted figure off by more than this share of the zone's capacity
   * (at a head count or at the reset) raises a `drift` alert (default 0.05).
   */
  closingReset: z.object({ at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).optional() }).optional(),
  driftShare: z.number().min(0).max(1).optional(),
  /** Where the density thresholds come from (an extension of the contract). */
  thresholdsSource: z.string().max(2_000).optional(),
  /**
   * Minutes after which an open incident of that severity, not yet acknowledged, is escalated (an
   * extension of the contract); `DEFAULT_ESCALATION` applies when absent.
   */
  escalation: z.object({ high: z.number().positive().max(1440), critical: z.number().positive().max(1440) }).optional(),
  /**
   * Crowd pullers of the day (an extension of the contract): the operations view pre-alerts their zone
   * `leadMinutes` before they start.
   */
  programme: z.array(ProgrammeSlot).max(2_000).optional(),
  /** Exit flow rate, evacuation target, gate-flow alert (an extension, issue 18; defaults in DEFAULT_CROWD_FLOW). */
  crowdFlow: CrowdFlowSettings.optional(),
  /** The floor-plan image drawn under the map (an extension, issue 16). */
  plan: FloorPlan.optional(),
  zones: z.array(Zone).min(1).max(VENUE_LIMITS.zones),
  stands: z.array(Stand).max(VENUE_LIMITS.stands),
  gates: z.array(Gate).min(1).max(VENUE_LIMITS.gates),
});
export type Venue = z.infer<typeof Venue>;
export type EscalationPolicy = NonNullable<Venue['escalation']>;

/** Minutes before an unacknowledged high or critical incident is escalated, when the venue does not say. */
export const DEFAULT_ESCALATION: EscalationPolicy = { high: 10, critical: 3 };

/** The venue's escalation times, or the defaults. */
export function escalationPolicyOf(venue: Pick<Venue, 'escalation'>): EscalationPolicy {
  return venue.escalation ?? DEFAULT_ESCALATION;
}
