/**
 * `pnpm start`: the demo. The server with the dashboard, and the simulator playing a day of the Fes
 * fair through the public API, so that a new user sees a living floor within seconds.
 */
import { startSimulator } from '@fairwatch/simulator';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startServer } from './server.ts';
import { onShutdown } from './shutdown.ts';

let config;
try {
  // The demo keeps the console for its banner: server logs from warnings up unless asked otherwise.
  // Its data directory is its own (data/demo), apart from `pnpm serve`'s data/.
  config = loadConfig({ LOG_LEVEL: 'warn', DATA_DIR: 'data/demo', ...process.env });
} catch (error) {
  console.error(error instanceof ConfigError ? `fairwatch: ${error.message}` : error);
  process.exit(1);
}
const speed = Number(process.env.SIMULATOR_SPEED ?? 60);
// The simulator plays `speed` fair minutes a real minute: gate flows are per fair minute (issue 18).
config = { ...config, flowTimeScale: speed > 0 ? speed : 1 };
const logger = createLogger(config.logLevel);
const server = await startServer(config, logger).catch((error: unknown) => {
  console.error(`fairwatch: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
if (!config.demo) {
  console.error('fairwatch: the demo uses demo accounts; unset ACCOUNTS_FILE (or run `pnpm serve`)');
  process.exit(1);
}
const demo = config.demo;
const simulator = startSimulator({
  baseUrl: server.url,
  deviceKey: demo.deviceKey,
  venue: server.venue,
  speed,
  incidents: { username: 'security', password: demo.password },
  log: (event) => {
    if (event.level !== 'info') logger.warn(event, 'simulator');
  },
});

const url = server.url.replace('127.0.0.1', 'localhost');
console.log(`
  FairWatch demo: ${server.venue.name.en}
  ───────────────────────────────────────────────────────────────
  Dashboard   ${url}
  Sign in as  operations | security | manager | admin | steward (a gate's tally counter)
  Password    ${demo.password}
  Device key  ${demo.deviceKey}
  Store       ${config.redisUrl ? 'redis' : config.dataDir ? `embedded, kept in ${config.dataDir} (DATA_DIR; set REDIS_URL to use Redis)` : 'embedded, in memory only (DATA_DIR=:memory:)'}
  Simulator   the fair day at ${speed}x (SIMULATOR_SPEED to change)
  Stop with Ctrl+C.
`);

onShutdown(logger, async () => {
  await simulator.stop();
  await server.stop();
});
