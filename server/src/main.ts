/**
 * `pnpm serve`: the server alone, configured only by the environment (see README).
 */
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './log.ts';
import { startServer } from './server.ts';
import { onShutdown } from './shutdown.ts';

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? `fairwatch: ${error.message}` : error);
  process.exit(1);
}
const logger = createLogger(config.logLevel);
try {
  const starting = startServer(config, logger);
  // Before the server says it listens: a SIGTERM right after that line still shuts down cleanly.
  onShutdown(logger, async () => (await starting).stop());
  const { demo } = await starting;
  if (demo?.generated) {
    logger.info({ users: ['operations', 'security', 'manager', 'admin'], password: demo.password, deviceKey: demo.deviceKey }, 'demo credentials (set DEMO_PASSWORD and DEMO_DEVICE_KEY to choose them; made once and kept in DATA_DIR otherwise)');
  }
} catch (error) {
  logger.fatal({ err: error instanceof Error ? error.message : String(error) }, 'could not start');
  process.exit(1);
}
