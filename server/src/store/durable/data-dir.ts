import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { open, type RootDatabase } from 'lmdb';
import { RecordKey } from './records.ts';

/** The engine's file inside DATA_DIR (LMDB keeps a `-lock` file beside it). */
export const DATA_FILE = 'fairwatch.mdb';
/** Which server process uses the directory: two servers writing one directory would overwrite each other. */
export const PID_FILE = 'server.pid';
const OWN_FILES = new Set([DATA_FILE, `${DATA_FILE}-lock`, PID_FILE]);

/** The layout of the records written into the file (see durable-store.ts); stored under `format`. */
export const FORMAT_NAME = 'fairwatch-data';
export const FORMAT_VERSION = 1;

/** The data directory cannot be used; start-up stops with this message. */
export class DataDirError extends Error {
  override name = 'DataDirError';
}

/** LMDB's meta page: its magic number and data version (lmdb-js writes version 2), at byte 24 of the first two pages. */
const LMDB_MAGIC = 0xbeefc0de;
const LMDB_DATA_VERSION = 2;
const META_OFFSET = 24;

/**
 * Checks that an existing file is an LMDB environment before the engine maps it: the native engine
 * trusts its file, and a foreign or damaged one could crash the process instead of failing cleanly.
 */
export function checkEngineFile(file: string): void {
  const size = statSync(file).size;
  if (size < 8192) throw new DataDirError(`${file} is damaged or not a FairWatch data file: ${size} bytes, shorter than an LMDB environment's two meta pages`);
  const header = Buffer.alloc(64);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 64, 0);
    const pageSize = header.readUInt32LE(48);
    const second = Buffer.alloc(8);
    if (pageSize >= 4096 && pageSize <= 65_536 && size >= pageSize * 2) readSync(fd, second, 0, 8, pageSize + META_OFFSET);
    for (const [page, bytes] of [[0, header.subarray(META_OFFSET)], [1, second]] as const) {
      if (bytes.readUInt32LE(0) !== LMDB_MAGIC) throw new DataDirError(`${file} is damaged or not a FairWatch data file: meta page ${page} lacks LMDB's magic number`);
      const version = bytes.readUInt32LE(4);
      if (version !== LMDB_DATA_VERSION) throw new DataDirError(`${file} was written by an LMDB of data version ${version}; this FairWatch reads version ${LMDB_DATA_VERSION}`);
    }
  } finally {
    closeSync(fd);
  }
}

/** Options every process opening the file uses (server and backup): LMDB refuses mismatched sync flags. */
export function openEngine(file: string, options: { readOnly?: boolean } = {}): RootDatabase {
  return open({
    path: file,
    maxDbs: 16,
    // Every commit is synced to disk before its promise resolves: a 2xx is sent only after that.
    // (lmdb-js's default, overlappingSync, resolves at commit and syncs afterwards.)
    overlappingSync: false,
    ...(options.readOnly ? { readOnly: true } : {}),
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface PreparedDataDir {
  dir: string;
  file: string;
  /** True when the directory held no data file yet (first start). */
  fresh: boolean;
  /** Removes this process's pid file. */
  release(): void;
}

/**
 * Makes DATA_DIR ready for one server: created when missing, writable, holding nothing but FairWatch's
 * files, its data file (if any) an LMDB environment, and no other live server using it.
 */
export function prepareDataDir(dataDir: string): PreparedDataDir {
  const dir = resolve(dataDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new DataDirError(`DATA_DIR ${dir} is not a directory`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new DataDirError(`DATA_DIR ${dir} cannot be created: ${(error as Error).message}`);
  }
  try {
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch {
    throw new DataDirError(`DATA_DIR ${dir} is not writable by this user: choose another directory or fix its permissions`);
  }
  const foreign = readdirSync(dir).filter((name) => !OWN_FILES.has(name) && !name.startsWith('.'));
  const file = join(dir, DATA_FILE);
  const fresh = !existsSync(file);
  if (foreign.length) {
    const listed = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? ', ...' : '');
    throw new DataDirError(`DATA_DIR ${dir} holds files that are not FairWatch's (${listed})${fresh ? ` and no ${DATA_FILE}` : ''}: refusing to use it; point DATA_DIR at an empty or new directory`);
  }
  if (!fresh) checkEngineFile(file);
  const pidFile = join(dir, PID_FILE);
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new DataDirError(`DATA_DIR ${dir} is in use by another FairWatch server (pid ${pid}, see ${pidFile}); stop it first or choose another DATA_DIR`);
    }
  }
  writeFileSync(pidFile, `${process.pid}\n`);
  return {
    dir,
    file,
    fresh,
    release() {
      try {
        if (readFileSync(pidFile, 'utf8').trim() === String(process.pid)) unlinkSync(pidFile);
      } catch {
        // already gone
      }
    },
  };
}

/** A new file gets the format record; an existing one must carry FairWatch's, in a version this code reads. */
export function checkFormat(root: RootDatabase, dir: PreparedDataDir): void {
  const names = [...root.getKeys({})].map(String);
  if (!dir.fresh && !names.includes('state')) {
    throw new DataDirError(`${dir.file} is an LMDB file but not FairWatch's (no "state" database; it holds ${names.slice(0, 5).join(', ') || 'nothing'}): refusing to use it`);
  }
  const state = root.openDB('state', {});
  const format = state.get(RecordKey.format) as { name?: string; version?: number } | undefined;
  if (!format) {
    if (!dir.fresh && state.getKeysCount() > 0) throw new DataDirError(`${dir.file} has no format record: not written by FairWatch, or damaged; refusing to use it`);
    state.putSync(RecordKey.format, { name: FORMAT_NAME, version: FORMAT_VERSION, createdAt: new Date().toISOString() });
    return;
  }
  if (format.name !== FORMAT_NAME) throw new DataDirError(`${dir.file} holds data of another program (${String(format.name)}): refusing to use it`);
  if (format.version !== FORMAT_VERSION) {
    // No earlier format exists yet; a later version adds its migrations here, oldest first.
    throw new DataDirError(
      (format.version ?? 0) > FORMAT_VERSION
        ? `${dir.file} was written by a newer FairWatch (data format ${format.version}; this one reads ${FORMAT_VERSION}): upgrade FairWatch or restore a backup made by this version`
        : `${dir.file} has data format ${format.version}, which this FairWatch cannot migrate (it reads ${FORMAT_VERSION})`,
    );
  }
}
