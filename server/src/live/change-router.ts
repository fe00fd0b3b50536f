import { justEscalated } from '../domain/incident-steps.ts';
import { listedIncident } from '../domain/incident-limits.ts';
import type { SessionDirectory } from '../auth/session-directory.ts';
import type { Logger } from '../log.ts';
import type { Store, StoreChange } from '../store/store.ts';
import type { FiguresFeed } from './figures-feed.ts';
import type { LiveVenue } from './live-venue.ts';
import { disconnectSockets, roleRoom, STAFF_ROOM, type FairwatchIo } from './socket-server.ts';
import { followVenueVersion } from './venue-publisher.ts';

/** Roles told of escalated incidents. */
const ESCALATION_ROLES = ['operations', 'manager', 'admin'] as const;

export interface ChangeRouterDeps {
  store: Store;
  io: FairwatchIo;
  sessions: SessionDirectory;
  feed: FiguresFeed;
  live: LiveVenue;
  logger: Logger;
  /** Cached accounts to forget (they changed on some instance). */
  invalidateAccounts?: () => void;
  /** Publish the figures as soon as the pace allows (delta-pacer.ts). */
  flushSoon: () => void;
}

/**
 * What every change on the store's bus (from this instance or another) does here: a new venue version
 * is followed, cached accounts are dropped, a revoked session's sockets close, figures are re-read and
 * alerts and incidents reach the sockets that may see them. Returns the unsubscribe function.
 */
export function routeStoreChanges({ store, io, sessions, feed, live, logger, invalidateAccounts, flushSoon }: ChangeRouterDeps): () => void {
  const route = (change: StoreChange) => {
    switch (change.kind) {
      case 'venue':
        void followVenueVersion(store, live, change.version, logger);
        return;
      case 'accounts':
        invalidateAccounts?.();
        return;
      case 'session-revoked':
        sessions.forget(change.tokenDigest);
        disconnectSockets(io, (data) => data.tokenDigest === change.tokenDigest);
        return;
    }
    feed.markDirty();
    flushSoon();
    if (change.kind === 'alert') {
      io.to(STAFF_ROOM).emit(`alert:${change.change}`, change.alert);
    } else if (change.kind === 'incident') {
      // As lists show it (newest notes only): a long incident is not sent whole to every socket at every step.
      const listed = listedIncident(change.incident);
      io.to(STAFF_ROOM).emit('incident', listed);
      // Escalations are for those who dispatch and answer for the floor (the role matrix in README).
      if (justEscalated(change.incident)) io.to(ESCALATION_ROLES.map(roleRoom)).emit('incident:escalated', listed);
    }
  };
  return store.onChange(route);
}
