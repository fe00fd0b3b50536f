import { fesVenue, loadVenueFile, type Venue } from '@fairwatch/venue';
import { createApp, type App } from './app.ts';
import { readAccountsFile } from './auth/accounts-file.ts';
import { demoCredentials, fileCredentials, type Credentials } from './auth/credentials.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { serverClock } from './simulated-clock.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export interface RunningServer {
  app: App;
  store: Store;
  venue: Venue;
  url: string;
  stop(): Promise<void>;
}

/** Demo accounts outside production without an accounts file; the file otherwise (production needs an admin). */
function credentialsFor(config: Config, logger: Logger): Credentials {
  if (config.demo) return demoCredentials(config.demo.password, config.demo.deviceKey);
  const file = config.accountsFile!;
  const accounts = readAccountsFile(file);
  if (config.production && !accounts.users.some((user) => user.role === 'admin')) {
    throw new Error(`refusing to start in production: ${file} has no admin account (pnpm accounts add-user NAME --role admin)`);
  }
  return fileCredentials(file, logger);
}

/** Starts a server from a validated configuration: venue, store, app, listening socket. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const venue = config.venueFile ? loadVenueFile(config.venueFile) : fesVenue;
  const credentials = credentialsFor(config, logger);
  const store = await openStore(config, logger);
  if (config.simulatedClock) {
    // realStartMs: the real instant the simulated clock read `start`, for clients that must follow it (the bench).
    const { startMs, factor } = config.simulatedClock;
    logger.warn({ simulatedClock: { start: new Date(startMs).toISOString(), factor, realStartMs: performance.timeOrigin } }, 'the clock is simulated (SIMULATED_CLOCK): development only');
  }
  const app = createApp({
    venue,
    store,
    credentials,
    allowedOrigins: config.allowedOrigins,
    rateLimit: config.rateLimit,
    rateLimits: config.rateLimits,
    sessionTtlMs: config.sessionTtlMs,
    logger,
    tickMs: config.tickMs,
    gateOfflineMs: config.gateOfflineMs,
    rawRetentionMs: config.rawRetentionSeconds * 1000,
    dashboardDir: config.dashboardDir,
    now: serverClock(config.simulatedClock),
    clockRate: config.simulatedClock?.factor ?? 1,
    flowTimeScale: config.flowTimeScale,
  });
  const address = await app.listen(config.port, config.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  logger.info({ url, port: address.port, store: store.kind, venue: venue.id, tickMs: config.tickMs }, 'listening');
  return {
    app,
    store,
    venue,
    url,
    async stop() {
      await app.close();
      credentials.close();
      await store.close();
    },
  };
}
