import type { Delta, Snapshot } from './snapshot.ts';
import type { Incident } from './incidents.ts';
import type { Role } from './auth.ts';

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
}

/** Events a dashboard sends to the server (commands, answered through the acknowledgement). */
export interface ClientToServerEvents {
  resync: (ack: (snapshot: Snapshot) => void) => void;
}

export type InterServerEvents = Record<string, never>;

/** What the server remembers about an authenticated socket. */
export interface SocketData {
  username: string;
  role: Role;
  /** Digest of the session token, so that a sign-out can close the socket. */
  tokenDigest: string;
}
