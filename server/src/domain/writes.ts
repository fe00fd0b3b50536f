/**
 * The write side in one module (issue 12): what a route prepares for a store (counts, check-ins,
 * recounts, with the server's clock), and what the durable log keeps of each write; the stores, the
 * replay fold and the rules import these, and none of them imports another for its types.
 */
import type { Alert, Incident, IncidentHistoryEntry } from '@fairwatch/protocol';
import type { CountingLine } from './counting-lines.ts';

/** A count report with what the server derived from it: its counting line and its venue day. */
export interface PreparedCount {
  id: string;
  gate: string;
  line: CountingLine;
  /** Persons in and out; running totals since power-on when `device` is set. */
  in: number;
  out: number;
  /** Set for counters that report running totals. */
  device?: string | undefined;
  at: string;
  atMs: number;
  /** Venue day of `at`: entries and gate figures belong to it. */
  day: string;
  /** Venue-local hour (0-23) of `at`, for the hourly roll-ups; the UTC hour when unset. */
  hour?: number;
}

export interface ApplyContext {
  /** Venue day of the server's clock: the peak belongs to it. */
  today: string;
  nowMs: number;
  nowIso: string;
}

/** A check-in with its venue day. */
export interface PreparedCheckin {
  id: string;
  stand: string;
  badge?: string;
  at: string;
  atMs: number;
  day: string;
  /** Venue-local hour (0-23) of `at`, for the hourly roll-ups; the UTC hour when unset. */
  hour?: number;
}

/** A manual head count of a zone, with who entered it. */
export interface RecountContext extends ApplyContext {
  by: string;
  note?: string;
}

/** A count item as the durable log keeps it: increments, or a device's running totals. */
export interface LoggedCount {
  id: string;
  gate: string;
  at: string;
  in?: number;
  out?: number;
  device?: string;
  inTotal?: number;
  outTotal?: number;
}

/** An incident without its history: what a logged step carries beside the step itself. */
export type IncidentHead = Omit<Incident, 'history'>;

/**
 * One entry of the durable log (`{fw}:log` in Redis, an in-memory list in the embedded store), with the
 * server time it was written at. Only accepted items are logged, so folding the log applies exactly
 * what the store applied.
 */
export type LogEntry =
  | { type: 'counts'; atMs: number; items: LoggedCount[] }
  | { type: 'checkins'; atMs: number; items: Array<{ id: string; stand: string; badge?: string; at: string }> }
  /** A new incident (whole), or, in logs written before steps were logged alone, a whole new version. */
  | { type: 'incident'; atMs: number; incident: Incident }
  /** One step added to an incident: the step and the incident's fields after it, not its history again. */
  | { type: 'incident-step'; atMs: number; head: IncidentHead; step: IncidentHistoryEntry }
  | { type: 'recount'; atMs: number; zone: string; count: number }
  | { type: 'alert'; atMs: number; alert: Alert };
