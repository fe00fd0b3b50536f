import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Delta } from '@fairwatch/protocol';
import { escalationPolicyOf, type Venue } from '@fairwatch/venue';
import type { Credentials } from './auth/credentials.ts';
import { SessionDirectory } from './auth/session-directory.ts';
import { errorMiddleware } from './http/errors.ts';
import { staticDashboard } from './http/static-dashboard.ts';
import { FiguresFeed } from './live/figures-feed.ts';
import { STAFF_ROOM, closeLapsedSockets, createSocketServer, type FairwatchIo } from './live/socket-server.ts';
import { routeStoreChanges } from './live/change-router.ts';
import { DeltaPacer } from './live/delta-pacer.ts';
import { clientAddressOf, TRUST_NO_PROXY, type TrustProxy } from './http/client-address.ts';
import { createAudit } from './http/audit.ts';
import { createServices } from './services/services.ts';
import { securityHeaderSet, securityHeaders } from './http/security-headers.ts';
import { RateLimits, type RateLimitSettings } from './http/rate-limits.ts';
import { socketHttpGuard } from './http/socket-http-guard.ts';
import { SESSION_TTL_MS } from './auth/sessions.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import type { Logger } from './log.ts';
import type { RouteDeps } from './routes/context.ts';
import { fieldRoutes } from './routes/field.routes.ts';
import { figuresRoutes } from './routes/figures.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { IncidentEscalationWatch } from './live/incident-escalation-watch.ts';
import { incidentPhotoRoutes } from './routes/incident-photos.routes.ts';
import { incidentStepRoutes } from './routes/incident-steps.routes.ts';
import { incidentRoutes } from './routes/incidents.routes.ts';
import { ingestRoutes } from './routes/ingest.routes.ts';
import { DEFAULT_MAX_REPORT_AGE_MS } from './services/ingest-service.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { reportsRoutes } from './routes/reports.routes.ts';
import { RawRetention } from './live/raw-retention.ts';
import { alertRoutes } from './routes/alerts.routes.ts';
import { recountRoutes } from './routes/recount.routes.ts';
import { replayRoutes } from './routes/replay.routes.ts';
import { AlertWatch } from './live/alert-watch.ts';
import { ClosingResetWatch } from './live/closing-reset-watch.ts';
import { handleAlertCommands } from './live/alert-commands.ts';
import { handleGateCommands } from './live/gate-commands.ts';
import { egressRoutes } from './routes/egress.routes.ts';
import type { Store } from './store/store.ts';
import type { Connectors } from './connectors/connectors.ts';
import { connectorRoutes } from './routes/connectors.routes.ts';
import { devicesHealthRoutes } from './routes/devices-health.routes.ts';
import { DeviceHealthBook } from './domain/device-health.ts';
import { LiveVenue } from './live/live-venue.ts';
import { followVenueVersion } from './live/venue-publisher.ts';
import { venueRoutes } from './routes/venue.routes.ts';
import { adminPeopleRoutes } from './routes/admin-people.routes.ts';
import { adminDeviceRoutes } from './routes/admin-devices.routes.ts';

/** How often the current venue version is read from the store, besides the bus's announcements. */
const VENUE_POLL_MS = 5_000;
/** How long a close waits for the requests already being handled (a commit takes milliseconds). */
const CLOSE_GRACE_MS = 5_000;

/** Resolves once every request being handled has finished, or after `graceMs`. */
async function settleInFlight(inFlight: ReadonlySet<Promise<void>>, graceMs: number): Promise<void> {
  if (inFlight.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
  await Promise.race([Promise.all(inFlight), grace]);
  clearTimeout(timer);
}

type Middleware = Koa.Middleware;

/** Runs middleware in order as one (koa's own composition, for the routers swapped at each venue version). */
function composeMiddleware(middleware: readonly Middleware[]): Middleware {
  return (ctx, next) => {
    const run = async (i: number): Promise<void> => {
      if (i < middleware.length) await middleware[i]!(ctx, () => run(i + 1));
      else await next();
    };
    return run(0);
  };
}


export interface AppDeps {
  /** The live venue (issue 16: published versions apply at once), or a fixed one (tests, version 0). */
  venue: Venue | LiveVenue;
  store: Store;
  credentials: Credentials;
  logger: Logger;
  tickMs: number;
  gateOfflineMs: number;
  dashboardDir: string;
  /** Origins besides the server's own that browsers may open a socket from. */
  allowedOrigins?: readonly string[];
  /** false: no rate limits (RATE_LIMIT=off, for benchmarks and load tests). */
  rateLimit?: boolean;
  rateLimits?: RateLimitSettings;
  sessionTtlMs?: number;
  /** Reports dated longer ago than this are refused (MAX_REPORT_AGE_S; default 7 days). */
  maxReportAgeMs?: number;
  /** Raw reports older than this are trimmed (RAW_RETENTION_S); unset: kept. */
  rawRetentionMs?: number;
  now?: () => Date;
  /** Clock milliseconds per real millisecond (SIMULATED_CLOCK's factor; 1 otherwise). */
  clockRate?: number;
  /** Whose X-Forwarded-For is believed (TRUST_PROXY); default: nobody's. */
  trustProxy?: TrustProxy;
  /** The key of the sessions' MAC (SESSION_SECRET). */
  sessionSecret: string;
  /** PEM certificate chain and key: HTTPS and WSS, with HSTS. */
  /** `handshakeTimeoutMs`: how long a TLS handshake may take (Node's default is 120 s). */
  tls?: { cert: Buffer; key: Buffer; handshakeTimeoutMs?: number } | null;
  /** How often sockets are checked for a session that lapsed (expired, account changed). */
  socketSweepMs?: number;
  /** Vendor counters (DEVICES_FILE, MQTT_URL): their push routes and their device health. */
  connectors?: Connectors;
  /** Fair minutes per minute of counts (the demo's simulator speed; 1 otherwise): gate flows are divided by it. */
  flowTimeScale?: number;
}

export interface App {
  http: HttpServer;
  /** The venue served now and its version. */
  venue: LiveVenue;
  io: FairwatchIo;
  feed: FiguresFeed;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Stops taking requests, publishes the last changes, closes sockets. The store is the caller's. */
  close(): Promise<void>;
}

/** Wires the HTTP API, Socket.IO and the live figures around a store. */
export function createApp(deps: AppDeps): App {
  const { store, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const clockRate = deps.clockRate ?? 1;
  const trustProxy = deps.trustProxy ?? TRUST_NO_PROXY;
  // No `proxy: true`: the client address is worked out below, from trusted proxies only.
  const koa = new Koa();
  // The callback is taken once every middleware is in place (koa composes them when asked for it).
  let handle: ReturnType<Koa['callback']> | undefined;
  // Request and header deadlines (REQUEST_TIMEOUT_MS, HEADERS_TIMEOUT_MS) are checked every second, not every 30 s.
  // Requests still being handled when the app closes: their writes (an incident's audit entry after its
  // commit) must reach the store before the caller closes it.
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (closing) {
      res.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' });
      res.end(JSON.stringify({ error: { code: 'unavailable', message: 'the server is stopping; retry shortly' } }));
      return;
    }
    const handled = Promise.resolve(handle!(req, res)).catch(() => undefined);
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  };
  const serverOptions = { connectionsCheckingInterval: 1_000 };
  const http: HttpServer = deps.tls ? createHttpsServer({ ...serverOptions, cert: deps.tls.cert, key: deps.tls.key, handshakeTimeout: deps.tls.handshakeTimeoutMs ?? 10_000 }, onRequest) : createServer(serverOptions, onRequest);

  let io: FairwatchIo | undefined;
  const staff = () => io?.to(STAFF_ROOM);
  const feedEvents = {
    delta: (delta: Delta) => staff()?.emit('delta', delta),
    paused: (since: Date) => {
      logger.warn({ since }, 'live figures paused: the store cannot be read');
      staff()?.emit('feed:paused', { since: since.toISOString() });
    },
    resumed: (at: Date) => {
      logger.info('live figures resumed');
      staff()?.emit('feed:resumed', { at: at.toISOString() });
    },
  };
  const live = deps.venue instanceof LiveVenue ? deps.venue : new LiveVenue(deps.venue, 0);
  const feed = new FiguresFeed(store, live.source, feedEvents, logger, {
    gateOfflineMs: deps.gateOfflineMs,
    fullRefreshMs: Math.max(5_000, deps.tickMs * 4),
    now,
    flowTimeScale: deps.flowTimeScale ?? 1,
  });
  const sessions = new SessionDirectory(store, deps.credentials, deps.sessionSecret);
  io = createSocketServer(http, sessions, feed, logger, { allowedOrigins: deps.allowedOrigins ?? [], eventsPer10s: 20, trustProxy });
  const rateLimits = new RateLimits(deps.rateLimit ?? true, deps.rateLimits);
  // Socket.IO's HTTP requests under the same headers and limits, from the same client address.
  io.engine.use(socketHttpGuard(rateLimits, securityHeaderSet(Boolean(deps.tls)), (req) => clientAddressOf(req, trustProxy)));
  const stopWatchingAccounts = deps.credentials.onChange(() => {
    const closed = closeLapsedSockets(io!, sessions);
    if (closed) logger.info({ closed }, 'closed the sockets of changed or removed accounts');
  });
  // Expiry: the token is checked only at the handshake; a sweep ends the sockets it no longer covers.
  const sweep = setInterval(() => {
    const closed = closeLapsedSockets(io!, sessions);
    if (closed) logger.info({ closed }, 'closed the sockets of expired sessions');
  }, deps.socketSweepMs ?? 1_000);
  sweep.unref();

  const pacer = new DeltaPacer(feed, { tickMs: deps.tickMs, now, clockRate, logger });
  const unsubscribe = routeStoreChanges({ store, io, sessions, feed, live, logger, invalidateAccounts: deps.credentials.invalidate?.bind(deps.credentials), flushSoon: () => pacer.flushSoon() });

  const deviceHealth = deps.connectors?.health ?? new DeviceHealthBook();
  const maxReportAgeMs = deps.maxReportAgeMs ?? DEFAULT_MAX_REPORT_AGE_MS;
  const services = createServices({ store, venue: live.source, credentials: deps.credentials, feed, logger, now, maxReportAgeMs, gateOfflineMs: deps.gateOfflineMs, deviceHealth });
  const routeDeps: RouteDeps = { store, venue: live.current(), credentials: deps.credentials, sessions, feed, logger, audit: createAudit(services.audit), services, rateLimits, sessionTtlMs: deps.sessionTtlMs ?? SESSION_TTL_MS, maxReportAgeMs, now, deviceHealth };
  koa.use(async (ctx, next) => {
    ctx.request.ip = clientAddressOf(ctx.req, trustProxy);
    await next();
  });
  koa.use(securityHeaders({ hsts: Boolean(deps.tls) }));
  koa.use(errorMiddleware(logger));
  koa.use(rateLimits.perAddress());
  koa.use(rateLimits.attach());
  // The venue studio and the people and devices admin (issue 16) read the live venue themselves.
  for (const router of [
    venueRoutes({ ...routeDeps, live }),
    adminPeopleRoutes(routeDeps),
    adminDeviceRoutes({ ...routeDeps, venue: live.source, deviceHealth }),
  ]) {
    koa.use(router.routes());
    koa.use(router.allowedMethods());
  }
  // The other routes are made for one venue (they index its zones, gates, stands): made anew for
  // each published version, so that a request is served wholly by one version.
  const routesFor = (venue: Venue) => {
    const forVenue: RouteDeps = { ...routeDeps, venue };
    const operationsRoutes = [alertRoutes(forVenue), recountRoutes(forVenue), replayRoutes(forVenue), devicesHealthRoutes({ ...forVenue, deviceHealth, gateOfflineMs: deps.gateOfflineMs }), egressRoutes(forVenue)];
    if (deps.connectors) operationsRoutes.push(connectorRoutes({ ...forVenue, connectors: deps.connectors }));
    const routers = [...[healthRoutes, sessionRoutes, auditRoutes, figuresRoutes, ingestRoutes, incidentRoutes, incidentStepRoutes, incidentPhotoRoutes, reportsRoutes, fieldRoutes].map((routes) => routes(forVenue)), ...operationsRoutes];
    return composeMiddleware(routers.flatMap((router) => [router.routes(), router.allowedMethods()] as Middleware[]));
  };
  let venueRouted = routesFor(live.current());
  koa.use((ctx, next) => venueRouted(ctx, next));
  koa.use(staticDashboard(deps.dashboardDir));
  handle = koa.callback();

  handleAlertCommands(io, services.alerts, logger);
  handleGateCommands(io, services.gates, logger);
  const alertWatch = new AlertWatch(store, live.source, () => feed.latest(), logger, now);
  const retention = deps.rawRetentionMs === undefined ? null : new RawRetention(store, deps.rawRetentionMs, logger, now);
  const escalations = new IncidentEscalationWatch(store, () => escalationPolicyOf(live.current()), logger, now);
  const closingReset = new ClosingResetWatch(store, live.source, () => feed.latest(), logger, now);
  // A published version: routes made anew, figures re-read, every socket told (it re-reads GET /venue).
  const stopFollowingVenue = live.onChange((venue, version) => {
    venueRouted = routesFor(venue);
    feed.markDirty();
    pacer.flushSoon();
    logger.info({ version, venue: venue.id }, 'venue version applied');
    io?.emit('venue:updated', { version });
    // Deltas only add and change figures: a whole snapshot drops those of removed zones, gates, stands.
    feed.current().then((snapshot) => staff()?.emit('snapshot', snapshot), (error: unknown) => logger.warn({ err: String(error) }, 'no snapshot after the venue change; dashboards resync'));
  });
  // The bus drops what is published while an instance is disconnected: the current version is polled too.
  const venuePoll = setInterval(() => {
    store.venues.currentVersion().then((version) => followVenueVersion(store, live, version, logger), () => undefined);
  }, VENUE_POLL_MS);
  venuePoll.unref();
  return {
    http,
    venue: live,
    io,
    feed,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          pacer.start();
          // Escalation times are minutes: a check every second or so is plenty.
          escalations.start(Math.min(5_000, Math.max(1_000, deps.tickMs * 4)));
          retention?.start(clockRate);
          // Alerts follow the figures within a second or two (tests run with a short tick).
          alertWatch.start(Math.min(2_000, Math.max(250, deps.tickMs * 4)));
          closingReset.start(Math.max(1_000, 30_000 / clockRate));
          resolve(http.address() as AddressInfo);
        });
      });
    },
    async close() {
      pacer.stop();
      clearInterval(sweep);
      clearInterval(venuePoll);
      stopFollowingVenue();
      escalations.stop();
      retention?.stop();
      alertWatch.stop();
      closingReset.stop();
      unsubscribe();
      stopWatchingAccounts();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      closing = true;
      await settleInFlight(inFlight, CLOSE_GRACE_MS);
      await feed.tick().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20)); // let the last delta reach the sockets
      io?.close();
      http.closeAllConnections();
      await closed;
    },
  };
}
