import type { Delta, Snapshot } from './snapshot.ts';
import type { Incident } from './incidents.ts';
import type { Role } from './auth.ts';
import type { Alert, CommandAck } from './alerts.ts';
import type { GateClosureState } from './egress.ts';

/** Events the server sends to dashboards (facts). */
export interface ServerToClientEvents {
  snapshot: (snapshot: Snapshot) => void;
  delta: (delta: Delta) => void;
  incident: (incident: Incident) => void;
  /** An extension: an open high/critical incident was not acknowledged in time (sent once, with the incident). */
  'incident:escalated': (incident: Incident) => void;
  /** An extension: the store cannot be read; the figures shown are the last known ones. */
  'feed:paused': (info: { since: string }) => void;
  /** An extension: the store answers again; deltas bring the figures up to date. */
  'feed:resumed': (info: { at: string }) => void;
  /** An extension (issue 3): a crowd-safety alert was raised, with the whole alert. */
  'alert:raised': (alert: Alert) => void;
  /** An extension: an alert was acknowledged (who, when). */
  'alert:acknowledged': (alert: Alert) => void;
  /** An extension: an active alert's figures changed (e.g. the time to threshold of a pre-alert). */
  'alert:updated': (alert: Alert) => void;
  /** An extension: an alert's condition ended. */
  'alert:cleared': (alert: Alert) => void;
  /** An extension (issue 16): a venue version was published; GET /api/v1/venue returns it. Sent to every socket. */
  'venue:updated': (event: { version: number }) => void;
}

/** Events a dashboard sends to the server (commands, answered through the acknowledgement). */
export interface ClientToServerEvents {
  resync: (ack: (snapshot: Snapshot) => void) => void;
  /** An extension (issue 3): acknowledge an alert (roles operations, security, admin). */
  'alert:acknowledge': (command: { id: string }, ack: CommandAck<Alert>) => void;
  /** An extension (issue 18): close a gate for real (roles operations, admin); audited; figures leave it out until reopened. */
  'gate:close': (command: { gate: string; note?: string }, ack: CommandAck<GateClosureState>) => void;
  /** An extension (issue 18): reopen a closed gate (roles operations, admin); audited. */
  'gate:reopen': (command: { gate: string }, ack: CommandAck<GateClosureState>) => void;
}

export type InterServerEvents = Record<string, never>;

/** What the server remembers about an authenticated socket. */
export interface SocketData {
  username: string;
  role: Role;
  /** Digest of the session token, so that a sign-out can close the socket. */
  tokenDigest: string;
  /** When the session ends (ms since the epoch) and the account's stamp at sign-in: the server closes the socket when either no longer holds. */
  expiresAt: number;
  account: string;
}
