import { readFileSync } from 'node:fs';
import { fesVenue, loadVenueFile, type Venue } from '@fairwatch/venue';
import { createApp, type App } from './app.ts';
import { readAccountsFile } from './auth/accounts-file.ts';
import { demoCredentials, fileCredentials, type Credentials } from './auth/credentials.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { serverClock } from './simulated-clock.ts';
import { openStore } from './store/open-store.ts';
import { DurableStore } from './store/durable-store.ts';
import { applyConnectionLimits } from './http/connection-limits.ts';
import type { Store } from './store/store.ts';
import { Connectors } from './connectors/connectors.ts';
import { readDevicesFile } from './connectors/devices-file.ts';

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

/** The certificate and key files, read once at start (a renewed certificate needs a restart). */
function tlsFiles(config: Config): { cert: Buffer; key: Buffer } | null {
  if (!config.tls) return null;
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`);
    }
  };
  return { cert: read('TLS_CERT_FILE', config.tls.certFile), key: read('TLS_KEY_FILE', config.tls.keyFile) };
}

/** What production runs with that a reader of its log should know at once. */
function warnAboutTransport(config: Config, logger: Logger): void {
  if (config.production && !config.tls && config.plainHttpAllowed) {
    logger.warn('serving plain HTTP (ALLOW_HTTP=1): a TLS-terminating proxy must stand in front, or passwords and tokens cross the network in clear');
  }
  if (config.sessionSecret.source === 'generated' && !config.dataDir) logger.info('no SESSION_SECRET: a random one for this process; sessions end when it restarts');
  if (config.sessionSecret.source === 'development' && config.redisUrl) logger.warn('no SESSION_SECRET: a fixed development key seals sessions in Redis; production requires its own');
}

/**
 * The sessions' key. Without SESSION_SECRET in production, the durable embedded store keeps one made on
 * its first start in DATA_DIR, so that a restart does not sign every screen out.
 */
async function sessionSecretFor(config: Config, store: Store): Promise<string> {
  if (config.sessionSecret.source === 'generated' && store instanceof DurableStore) return store.persistentSecret('sessions');
  return config.sessionSecret.value;
}

/** Starts a server from a validated configuration: venue, store, app, listening socket. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const venue = config.venueFile ? loadVenueFile(config.venueFile) : fesVenue;
  const tls = tlsFiles(config);
  warnAboutTransport(config, logger);
  const credentials = credentialsFor(config, logger);
  // A devices file that names a gate the venue lacks stops the server before anything is counted.
  const devices = config.devicesFile ? readDevicesFile(config.devicesFile, venue) : null;
  const store = await openStore(config, logger);
  const now = serverClock(config.simulatedClock);
  const connectors = new Connectors({ store, venue, logger, now, devices, mqttUrl: config.mqttUrl, mqttClientId: config.mqttClientId });
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
    maxReportAgeMs: config.maxReportAgeSeconds * 1000,
    dashboardDir: config.dashboardDir,
    now,
    clockRate: config.simulatedClock?.factor ?? 1,
    trustProxy: config.trustProxy,
    sessionSecret: await sessionSecretFor(config, store),
    tls,
    connectors,
    flowTimeScale: config.flowTimeScale,
  });
  applyConnectionLimits(app.http, config.connections);
  const address = await app.listen(config.port, config.host);
  await connectors.start();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${tls ? 'https' : 'http'}://${host}:${address.port}`;
  logger.info({ url, port: address.port, store: store.kind, venue: venue.id, tickMs: config.tickMs, tls: Boolean(tls), trustProxy: config.trustProxy.kind }, 'listening');
  return {
    app,
    store,
    venue,
    url,
    async stop() {
      await connectors.stop();
      await app.close();
      credentials.close();
      await store.close();
    },
  };
}
