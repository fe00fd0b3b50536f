/**
 * `pnpm backup [TARGET]`: a consistent copy of DATA_DIR, also while the server runs (README: Backup).
 * TARGET (a new or empty directory) defaults to `backups/fairwatch-<UTC time>` under the working directory.
 */
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { backupDataDir } from '../store/durable/backup.ts';

function fail(message: string, code = 1): never {
  console.error(`backup: ${message}`);
  process.exit(code);
}

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
if (config.redisUrl) fail('REDIS_URL is set: the data is in Redis; back it up with Redis itself (README: Backup, Redis mode)', 2);
if (config.dataDir === null) fail('DATA_DIR=:memory: keeps nothing to back up', 2);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const target = process.argv[2] ?? join(process.cwd(), 'backups', `fairwatch-${stamp}`);
try {
  const result = await backupDataDir(config.dataDir, target);
  console.log(`backup: ${config.dataDir} copied to ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB in ${result.ms} ms)`);
  console.log(`restore: stop the server, then start it with DATA_DIR=${target} (or copy that directory to DATA_DIR)`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
