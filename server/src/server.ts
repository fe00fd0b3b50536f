import { fesVenue, loadVenueFile, type Venue } from '@fairwatch/venue';
import { createApp, type App } from './app.ts';
import { demoCredentials } from './auth/credentials.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { openStore } from './store/open-store.ts';
import type { Store } from './store/store.ts';

export interface RunningServer {
  app: App;
  store: Store;
  venue: Venue;
  url: string;
  stop(): Promise<void>;
}

/** Starts a server from a validated configuration: venue, store, app, listening socket. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const venue = config.venueFile ? loadVenueFile(config.venueFile) : fesVenue;
  const store = await openStore(config, logger);
  if (!config.demo) throw new Error('no credentials configured');
  const app = createApp({
    venue,
    store,
    credentials: demoCredentials(config.demo.password, config.demo.deviceKey),
    logger,
    tickMs: config.tickMs,
    gateOfflineMs: config.gateOfflineMs,
    dashboardDir: config.dashboardDir,
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
      await store.close();
    },
  };
}
