import type { Venue } from '@fairwatch/venue';
import type { Credentials } from '../auth/credentials.ts';
import type { FiguresFeed } from '../live/figures-feed.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { AlertService } from './alert-service.ts';
import { createAuditTrail, type AuditTrail } from './audit-trail.ts';
import { GateService } from './gate-service.ts';
import { IncidentService } from './incident-service.ts';
import { IngestService } from './ingest-service.ts';
import { RecountService } from './recount-service.ts';
import { ReplayService } from './replay-service.ts';
import type { DeviceHealthBook } from '../domain/device-health.ts';

/** What HTTP routes and socket commands call: one service per concern, both transports the same rules. */
export interface Services {
  audit: AuditTrail;
  alerts: AlertService;
  gates: GateService;
  incidents: IncidentService;
  ingest: IngestService;
  recount: RecountService;
  replay: ReplayService;
}

export interface ServiceDeps {
  store: Store;
  /** The venue served now. */
  venue: () => Venue;
  credentials: Credentials;
  feed: FiguresFeed;
  logger: Logger;
  now: () => Date;
  maxReportAgeMs: number;
  gateOfflineMs: number;
  deviceHealth?: DeviceHealthBook;
}

export function createServices({ store, venue, credentials, feed, logger, now, maxReportAgeMs, gateOfflineMs, deviceHealth }: ServiceDeps): Services {
  const audit = createAuditTrail(store, logger, now);
  return {
    audit,
    alerts: new AlertService({ store, audit, now }),
    gates: new GateService({ store, venue, feed, audit, now }),
    incidents: new IncidentService({ store, venue, credentials, audit, now }),
    ingest: new IngestService({ store, venue, logger, now, maxReportAgeMs, ...(deviceHealth && { deviceHealth }) }),
    recount: new RecountService({ store, venue, feed, audit, now }),
    replay: new ReplayService({ store, venue, now, gateOfflineMs }),
  };
}
