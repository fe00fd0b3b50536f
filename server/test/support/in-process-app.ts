import { pino } from 'pino';
import type { Venue } from '@fairwatch/venue';
import { createApp, type App, type AppDeps } from '../../src/app.ts';
import { LiveVenue } from '../../src/live/live-venue.ts';
import { demoCredentials } from '../../src/auth/credentials.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import type { Store } from '../../src/store/store.ts';
import { ApiClient } from './api-client.ts';
import { ManualClock } from './manual-clock.ts';
import { tinyVenue } from './tiny-venue.ts';

export const PASSWORD = 'test-password';
export const DEVICE_KEY = 'test-device-key';

export interface InProcessApp {
  app: App;
  store: Store;
  clock: ManualClock;
  venue: Venue;
  url: string;
  api: ApiClient;
  close(): Promise<void>;
}

/**
 * The whole app in the test's process (socket.io's examples do the same): `createApp` with the
 * embedded store, demo accounts, an injected clock and a real HTTP server on port 0, so that tests
 * use real HTTP and socket.io clients and move time by hand instead of sleeping.
 */
export async function startInProcessApp(overrides: Partial<AppDeps> & { startAt?: string } = {}): Promise<InProcessApp> {
  const { startAt, ...deps } = overrides;
  const clock = new ManualClock(Date.parse(startAt ?? '2022-10-15T14:00:00.000Z'));
  const store = deps.store ?? new EmbeddedStore();
  const venue: Venue = deps.venue instanceof LiveVenue ? deps.venue.current() : (deps.venue ?? tinyVenue);
  const credentials = demoCredentials(PASSWORD, DEVICE_KEY);
  const app = createApp({
    venue, store, credentials, logger: pino({ level: 'silent' }), tickMs: 20, gateOfflineMs: 120_000,
    // No dashboard is served in this tier: a directory that does not exist.
    dashboardDir: 'no-dashboard-in-process',
    sessionSecret: 'in-process-test-secret-of-at-least-32-chars', now: clock.now, ...deps,
  });
  const address = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app, store, clock, venue, url, api: new ApiClient(url),
    async close() {
      await app.close();
      credentials.close();
      await store.close();
    },
  };
}
