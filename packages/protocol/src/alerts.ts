import { z } from 'zod';
import { Identifier, Instant, FreeText } from './primitives.ts';
import { DensityLevel, LevelOfService, Snapshot } from './snapshot.ts';
import { Incident } from './incidents.ts';

/**
 * Crowd-safety alerts (an extension of the contract, issue 3). `threshold`: a zone reached `busy`,
 * `crowded` or `critical` (with hysteresis: it clears only well below `busy`); `inflow`: the zone's
 * current net inflow would bring it to `crowded` within 15 minutes; `programme`: a crowd puller of the
 * venue's programme starts soon in that zone. Issue 17: `gate_silent`: a gate that had reported went
 * silent during opening hours (`gate`; `zone` is the zone it feeds); `drift`: a head count or the
 * closing reset found the counted figure off by more than the venue's `driftShare` of the capacity.
 * Issue 18: `gate-flow`: the flow through a gate has stayed at or above the venue's level of service
 * (default E) for its duration (default 2 minutes); `zone` is the
 * zone the gate leads into, `level` D→busy, E→crowded, F→critical.
 */
export const ALERT_KINDS = ['threshold', 'inflow', 'programme', 'gate_silent', 'drift', 'gate-flow'] as const;
export const AlertKind = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKind>;

export const Alert = z.object({
  id: Identifier,
  kind: AlertKind,
  zone: Identifier,
  /** The level the alert is about: reached (threshold), or expected (inflow, programme). */
  level: DensityLevel,
  raisedAt: Instant,
  /** Zone figures when it was raised. */
  occupancy: z.int(),
  density: z.number(),
  /** A gate feeding the zone was offline when raised: the figures may be wrong. */
  uncertain: z.boolean(),
  /** inflow: minutes until `crowded` at the current net inflow; programme: minutes until the start. */
  minutesToThreshold: z.number().optional(),
  /** inflow: net persons per minute into the zone. */
  netInflowPerMinute: z.number().optional(),
  /** programme: the slot of the venue's programme. */
  programme: z.object({ id: Identifier, start: Instant, minutes: z.int() }).optional(),
  /** gate_silent: the gate that went silent; gate-flow: the gate whose flow stayed high. */
  gate: Identifier.optional(),
  /** drift: what the counters said, what was there (head count; 0 at the closing reset), as a share of the capacity. */
  drift: z.object({ counted: z.int(), actual: z.int(), share: z.number(), source: z.enum(['recount', 'closing']) }).optional(),
  /** gate-flow: the gate's level of service and its flow (persons/m/min over the last minute) when raised. */
  levelOfService: LevelOfService.optional(),
  flowPerMetreMinute: z.number().optional(),
  /** When the condition ended (null while active). */
  clearedAt: Instant.nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: Instant.nullable(),
});
export type Alert = z.infer<typeof Alert>;

export function alertIsActive(alert: Pick<Alert, 'clearedAt'>): boolean {
  return alert.clearedAt === null;
}

/** GET /api/v1/alerts */
export const AlertList = z.object({ alerts: z.array(Alert) });
export type AlertList = z.infer<typeof AlertList>;

/** POST /api/v1/zones/:id/recount: a manual head count that resets the zone's occupancy. */
export const RecountRequest = z.object({ count: z.int().min(0).max(100_000), note: FreeText(500).optional() });
export type RecountRequest = z.infer<typeof RecountRequest>;
export const RecountResult = z.object({ zone: Identifier, before: z.int(), after: z.int(), at: Instant, by: z.string(), note: z.string().optional() });
export type RecountResult = z.infer<typeof RecountResult>;

/** GET /api/v1/replay?at=: the floor at a past instant, rebuilt from the durable log. */
export const ReplayFrame = z.object({
  at: Instant,
  figures: Snapshot.omit({ seq: true }),
  /** Alerts active at that instant, as they were then. */
  alerts: z.array(Alert),
  /** Incidents not resolved at that instant, as they were then. */
  incidents: z.array(Incident),
});
export type ReplayFrame = z.infer<typeof ReplayFrame>;

/** GET /api/v1/replay/day?day=: today's curves for the charts, one point per minute. */
export const DayTimeline = z.object({
  day: z.string(),
  /** Start of each minute (epoch ms). */
  minutes: z.array(z.number()),
  /** Occupancy per zone at the end of each minute, aligned with `minutes`. */
  zones: z.record(z.string(), z.array(z.int())),
  /** Entries per 5 minutes: start of each slot (epoch ms) and the entries in it. */
  entries5m: z.object({ slots: z.array(z.number()), entries: z.array(z.int()) }),
});
export type DayTimeline = z.infer<typeof DayTimeline>;

/** `alert:acknowledge` command payload. */
export const AcknowledgeAlert = z.object({ id: Identifier });

/** The acknowledgement of a command: its result or a contract error. */
export type CommandAck<T> = (answer: { data: T } | { error: { code: string; message: string } }) => void;
