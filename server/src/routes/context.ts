import type { Venue } from '@fairwatch/venue';
import type { Credentials } from '../auth/credentials.ts';
import type { SessionDirectory } from '../auth/session-directory.ts';
import type { FiguresFeed } from '../live/figures-feed.ts';
import type { Audit } from '../http/audit.ts';
import type { RateLimits } from '../http/rate-limits.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { DeviceHealthBook } from '../domain/device-health.ts';
import type { Services } from '../services/services.ts';

/** What the HTTP routes need; tests may wire other parts. */
export interface RouteDeps {
  store: Store;
  venue: Venue;
  credentials: Credentials;
  sessions: SessionDirectory;
  feed: FiguresFeed;
  logger: Logger;
  /** Records a staff action (who did what, when). */
  audit: Audit;
  /** The services the routes translate to (services/). */
  services: Services;
  rateLimits: RateLimits;
  /** How long a sign-in lasts. */
  sessionTtlMs: number;
  /** Reports dated longer ago than this are refused (422). */
  maxReportAgeMs: number;
  now: () => Date;
  /** Device health (issue 17): every report's device and gates are noted in it. */
  deviceHealth?: DeviceHealthBook;
}
