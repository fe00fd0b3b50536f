import type { Venue } from '@fairwatch/venue';
import type { Credentials } from '../auth/credentials.ts';
import type { FiguresFeed } from '../live/figures-feed.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { AlertService } from './alert-service.ts';
import { createAuditTrail, type AuditTrail } from './audit-trail.ts';
import { GateService } from './gate-service.ts';
import { IncidentService } from './incident-service.ts';

/** What HTTP routes and socket commands call: one service per concern, both transports the same rules. */
export interface Services {
  audit: AuditTrail;
  alerts: AlertService;
  gates: GateService;
  incidents: IncidentService;
}

export interface ServiceDeps {
  store: Store;
  /** The venue served now. */
  venue: () => Venue;
  credentials: Credentials;
  feed: FiguresFeed;
  logger: Logger;
  now: () => Date;
}

export function createServices({ store, venue, credentials, feed, logger, now }: ServiceDeps): Services {
  const audit = createAuditTrail(store, logger, now);
  return {
    audit,
    alerts: new AlertService({ store, audit, now }),
    gates: new GateService({ store, venue, feed, audit, now }),
    incidents: new IncidentService({ store, venue, credentials, audit, now }),
  };
}
