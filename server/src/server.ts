import { readFileSync } from 'node:fs';
import { fesVenue, loadVenueFile, type Venue } from '@fairwatch/venue';
import { createApp, type App } from './app.ts';
import { readAccountsFile } from './auth/accounts-file.ts';
import { demoAccounts, hasEnabledAdmin, refreshDemoAccounts, seedAccounts, watchAccountsFile } from './auth/account-seeding.ts';
import { storeCredentials, type StoreCredentials } from './auth/store-credentials.ts';
import { openLiveVenue } from './live/venue-publisher.ts';
import type { Config, DemoCredentials } from './config.ts';
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
  /** The demo accounts' password and device key in use (null with an accounts file). */
  demo: DemoCredentials | null;
  stop(): Promise<void>;
}

/**
 * The demo's made-up password and device key, kept in DATA_DIR by the durable store: a restarted demo
 * keeps its screens signed in and its provisioned phones counting. Given ones (DEMO_*) win.
 */
async function demoCredentialsFor(config: Config, store: Store): Promise<DemoCredentials | null> {
  if (!config.demo || !(store instanceof DurableStore)) return config.demo;
  return {
    ...config.demo,
    ...(config.demo.passwordGenerated && { password: (await store.persistentSecret('demo-password')).slice(0, 12) }),
    ...(config.demo.deviceKeyGenerated && { deviceKey: (await store.persistentSecret('demo-device-key')).slice(0, 24) }),
  };
}

/**
 * Accounts live in the store (issue 16). On start, the users and devices the store lacks are added
 * from ACCOUNTS_FILE (or, outside production without one, the demo accounts: user name = role, one
 * password, and the demo device key); later changes to the file (`pnpm accounts`) are applied to the
 * store too. Production needs an enabled admin in the store.
 */
async function credentialsFor(config: Config, demoGiven: DemoCredentials | null, store: Store, logger: Logger): Promise<{ credentials: StoreCredentials; stopWatching: () => void }> {
  const file = config.accountsFile;
  const demo = demoGiven ? await demoAccounts(demoGiven.password) : null;
  const seeded = await seedAccounts(store.accounts, demo ?? readAccountsFile(file!));
  if (seeded.users || seeded.devices) logger.info(seeded, `accounts the store lacked were added from ${demo ? 'the demo accounts' : 'the accounts file'}`);
  if (demo && demoGiven && (await refreshDemoAccounts(store.accounts, demo, demoGiven.password))) logger.info('demo accounts given this start\'s demo password');
  if (config.production && !(await hasEnabledAdmin(store.accounts))) {
    throw new Error(`refusing to start in production: no admin account (enabled) in the store nor in ${file} (pnpm accounts add-user NAME --role admin)`);
  }
  const stopWatching = file ? watchAccountsFile(file, store.accounts, logger) : () => undefined;
  const credentials = await storeCredentials(store.accounts, logger, demoGiven && demo ? { demoDeviceKey: demoGiven.deviceKey, dummyHash: demo.users[0]!.passwordHash } : {});
  return { credentials, stopWatching };
}

/** The certificate and key files, read once at start (a renewed certificate needs a restart). */
function tlsFiles(config: Config): { cert: Buffer; key: Buffer; handshakeTimeoutMs: number } | null {
  if (!config.tls) return null;
  const read = (what: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`cannot read ${what} ${file}: ${(error as Error).message}`);
    }
  };
  // A handshake is held to the headers' deadline: a stalled one must not keep a connection slot for 120 s.
  return { cert: read('TLS_CERT_FILE', config.tls.certFile), key: read('TLS_KEY_FILE', config.tls.keyFile), handshakeTimeoutMs: config.connections.headersTimeoutMs };
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
  const seedVenue = config.venueFile ? loadVenueFile(config.venueFile) : fesVenue;
  const tls = tlsFiles(config);
  warnAboutTransport(config, logger);
  const store = await openStore(config, logger);
  const now = serverClock(config.simulatedClock);
  let demo: DemoCredentials | null;
  let credentials: StoreCredentials;
  let stopWatching: () => void;
  let live: Awaited<ReturnType<typeof openLiveVenue>>;
  let devices: ReturnType<typeof readDevicesFile> | null;
  try {
    demo = await demoCredentialsFor(config, store);
    ({ credentials, stopWatching } = await credentialsFor(config, demo, store, logger));
    // The venue file seeds version 1 on the first start; later starts serve the store's current version.
    live = await openLiveVenue(store, seedVenue, logger, now);
    // A devices file that names a gate the venue lacks stops the server before anything is counted.
    devices = config.devicesFile ? readDevicesFile(config.devicesFile, live.current()) : null;
  } catch (error) {
    await store.close();
    throw error;
  }
  const venue = live.current();
  // The file seeds the first start only: an edited file is not served by itself.
  if (config.venueFile && JSON.stringify(venue) !== JSON.stringify(seedVenue)) {
    logger.warn({ venueVersion: live.version(), file: config.venueFile }, 'VENUE_FILE differs from the venue version the store serves; it only seeds the first start: publish it (PUT /api/v1/venue, or the venue studio) to serve it');
  }
  const connectors = new Connectors({ store, venue: live.source, logger, now, devices, mqttUrl: config.mqttUrl, mqttClientId: config.mqttClientId });
  if (config.simulatedClock) {
    // realStartMs: the real instant the simulated clock read `start`, for clients that must follow it (the bench).
    const { startMs, factor } = config.simulatedClock;
    logger.warn({ simulatedClock: { start: new Date(startMs).toISOString(), factor, realStartMs: performance.timeOrigin } }, 'the clock is simulated (SIMULATED_CLOCK): development only');
  }
  const app = createApp({
    venue: live,
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
  logger.info({ url, port: address.port, store: store.kind, venue: venue.id, venueVersion: live.version(), tickMs: config.tickMs, tls: Boolean(tls), trustProxy: config.trustProxy.kind }, 'listening');
  return {
    app,
    store,
    venue,
    url,
    demo,
    async stop() {
      await connectors.stop();
      await app.close();
      stopWatching();
      credentials.close();
      await store.close();
    },
  };
}
