import type { IncidentStatus } from '@fairwatch/protocol';

/**
 * Everything the live figures are derived from, as read from a store for one venue day. Figures that
 * change with time alone (check-ins in the last 15 minutes, gates going offline, "today") are derived
 * from it at each tick, so a tick needs no store read when nothing was written.
 */
export interface FloorState {
  /** The venue day these daily figures belong to. */
  day: string;
  occupancy: Record<string, number>;
  entries: number;
  exits: number;
  /** The day's peak of `inside`, null before anything happened that day. */
  peakInside: number | null;
  peakAt: string | null;
  gates: Record<string, { in: number; out: number }>;
  /** Server time (ms) of each gate's last report. */
  gateLastReport: Record<string, number>;
  standCheckins: Record<string, number>;
  /** Check-ins of the day that repeat a recent scan of the same badge at the same stand (issue 17). */
  standRepeats?: Record<string, number>;
  /** Check-ins recent enough to matter for `checkinsLast15m`. */
  recentCheckins: Array<{ stand: string; atMs: number }>;
  incidents: Array<{ status: IncidentStatus; resolvedAt: string | null }>;
  /** Persons dropped per zone because a count would have taken it below 0, since its last recount. */
  drift?: Record<string, number>;
  /**
   * Crossings per gate per minute of the server clock (minute = floor(ms / 60000)) for the last
   * RECENT_CROSSING_MINUTES minutes, the current one included (issue 18: flow per gate, inflow trend).
   */
  recentCrossings?: RecentCrossing[];
  /** Gates closed for real by operations (issue 18), by gate id; absent or empty when none. */
  closedGates?: Record<string, GateClosure>;
}

/** Crossings counted on one gate within one minute of the server clock. */
export interface RecentCrossing {
  minute: number;
  gate: string;
  in: number;
  out: number;
}

/** Minutes of crossings a floor state carries: the current one and the five before it. */
export const RECENT_CROSSING_MINUTES = 6;

/** The window of `checkinsLast15m`. */
export const RECENT_CHECKIN_WINDOW_MS = 15 * 60_000;

/** An exit closed for real by operations (issue 18): the figures leave it out until it is reopened. */
export interface GateClosure {
  gate: string;
  closedAt: string;
  by: string;
  note?: string;
}
