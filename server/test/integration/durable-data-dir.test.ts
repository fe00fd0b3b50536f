/**
 * DATA_DIR at start-up: created when missing, and never silently replaced when it is foreign, damaged,
 * of another format version or in use; each refusal names the file and what is wrong.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DurableStore } from '../../src/store/durable-store.ts';
import { DATA_FILE, FORMAT_NAME, openEngine } from '../../src/store/durable/data-dir.ts';
import { startServer, temporaryDataDir } from '../support/server-process.ts';

const root = mkdtempSync(join(tmpdir(), 'fairwatch-datadir-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const place = () => join(root, `dir-${n++}`);

describe('DATA_DIR', () => {
  it('is created on first start, with a format record, and opened again', async () => {
    const dir = join(place(), 'nested', 'data');
    const store = await DurableStore.open({ dataDir: dir });
    await store.saveSession('token', { username: 'admin', role: 'admin', expiresAt: Date.now() + 60_000 });
    await store.close();
    const again = await DurableStore.open({ dataDir: dir });
    expect(await again.getSession('token')).toMatchObject({ username: 'admin' });
    await again.close();
  });

  it('refuses a directory holding files that are not FairWatch\'s, naming them', async () => {
    const dir = place();
    mkdirSync(dir);
    writeFileSync(join(dir, 'thesis.docx'), 'precious');
    await expect(DurableStore.open({ dataDir: dir })).rejects.toThrow(/holds files that are not FairWatch's \(thesis\.docx\) and no fairwatch\.mdb/);
    expect(readFileSync(join(dir, 'thesis.docx'), 'utf8')).toBe('precious');
  });

  it('refuses a damaged data file without touching it', async () => {
    const dir = place();
    mkdirSync(dir);
    const garbage = 'not an lmdb environment '.repeat(1000);
    writeFileSync(join(dir, DATA_FILE), garbage);
    await expect(DurableStore.open({ dataDir: dir })).rejects.toThrow(new RegExp(`${join(dir, DATA_FILE).replace(/[.]/g, '\\.')} is damaged or not a FairWatch data file: meta page 0 lacks LMDB's magic number`));
    expect(readFileSync(join(dir, DATA_FILE), 'utf8')).toBe(garbage);
    writeFileSync(join(dir, DATA_FILE), 'short');
    await expect(DurableStore.open({ dataDir: dir })).rejects.toThrow(/5 bytes, shorter than an LMDB environment/);
  });

  it('refuses an LMDB file of another program, and data of a newer format', async () => {
    const foreign = place();
    mkdirSync(foreign);
    const other = openEngine(join(foreign, DATA_FILE));
    await other.openDB('customers', {}).put('c1', { name: 'x' });
    await other.close();
    await expect(DurableStore.open({ dataDir: foreign })).rejects.toThrow(/is an LMDB file but not FairWatch's \(no "state" database; it holds customers\)/);

    const newer = place();
    await (await DurableStore.open({ dataDir: newer })).close();
    const engine = openEngine(join(newer, DATA_FILE));
    await engine.openDB('state', {}).put('format', { name: FORMAT_NAME, version: 99 });
    await engine.close();
    await expect(DurableStore.open({ dataDir: newer })).rejects.toThrow(/was written by a newer FairWatch \(data format 99; this one reads 1\)/);
  });

  it('refuses a place where no directory can be made', async () => {
    const file = join(place());
    writeFileSync(file, 'a file');
    await expect(DurableStore.open({ dataDir: file })).rejects.toThrow(/is not a directory/);
    await expect(DurableStore.open({ dataDir: join(file, 'below') })).rejects.toThrow(/cannot be created/);
  });

  it('stops a server at start-up with the message, and keeps a second server off a directory in use', async () => {
    const dir = place();
    mkdirSync(dir);
    writeFileSync(join(dir, DATA_FILE), Buffer.alloc(16_384, 7));
    await expect(startServer({ env: { DATA_DIR: dir } })).rejects.toThrow(/fairwatch\.mdb is damaged or not a FairWatch data file/);

    const shared = temporaryDataDir();
    const first = await startServer({ env: { DATA_DIR: shared } });
    try {
      await expect(startServer({ env: { DATA_DIR: shared } })).rejects.toThrow(/is in use by another FairWatch server \(pid \d+/);
    } finally {
      await first.stop();
    }
  }, 30_000);
});
