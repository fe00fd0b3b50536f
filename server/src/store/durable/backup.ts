import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkEngineFile, DATA_FILE, DataDirError, FORMAT_NAME, openEngine } from './data-dir.ts';

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
}

function formatOf(file: string): { name?: string; version?: number } | undefined {
  const engine = openEngine(file, { readOnly: true });
  try {
    if (![...engine.getKeys({})].map(String).includes('state')) return undefined;
    return engine.openDB('state', {}).get('format') as { name?: string; version?: number } | undefined;
  } finally {
    void engine.close();
  }
}

/**
 * Writes a consistent copy of a data directory into `target` (new or empty), also while a server
 * writes to it: LMDB copies one read transaction's snapshot, compacted. The copy is itself a data
 * directory: a server started with DATA_DIR pointing at it (or at a copy of it) finds the data.
 */
export async function backupDataDir(dataDir: string, target: string): Promise<BackupResult> {
  const source = join(resolve(dataDir), DATA_FILE);
  if (!existsSync(source)) throw new DataDirError(`${source} does not exist: DATA_DIR holds no FairWatch data to back up`);
  checkEngineFile(source);
  const format = formatOf(source);
  if (format?.name !== FORMAT_NAME) throw new DataDirError(`${source} holds no FairWatch format record: not a FairWatch data file, refusing to back it up`);
  const dir = resolve(target);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) throw new DataDirError(`${dir} exists and is not an empty directory: a backup goes into a new one`);
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, DATA_FILE);
  const started = performance.now();
  const engine = openEngine(source, { readOnly: true });
  try {
    await engine.backup(copy, true);
  } finally {
    await engine.close();
  }
  // The copy must open as FairWatch data, or it is no backup.
  checkEngineFile(copy);
  if (formatOf(copy)?.name !== FORMAT_NAME) throw new DataDirError(`${copy} was written but does not read back as FairWatch data`);
  return { file: copy, bytes: statSync(copy).size, ms: Math.round(performance.now() - started) };
}
