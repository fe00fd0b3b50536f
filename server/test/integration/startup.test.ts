import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fesVenue } from '@fairwatch/venue';
import { readAccountsFile, writeAccountsFile } from '../../src/auth/accounts-file.ts';
import { writeAccountsFixture } from '../support/accounts-fixture.ts';
import { startServer } from '../support/server-process.ts';

describe('starting and stopping the server', () => {
  it('refuses a venue file that breaks the schema, naming the bad field', async () => {
    const broken = structuredClone(fesVenue);
    broken.zones[1]!.thresholds.busy = -1;
    const file = join(mkdtempSync(join(tmpdir(), 'fairwatch-venue-')), 'venue.json');
    writeFileSync(file, JSON.stringify(broken));
    await expect(startServer({ env: { VENUE_FILE: file } })).rejects.toThrow(/zones\.1\.thresholds\.busy/);
  });

  it('lists every bad environment variable at once', async () => {
    const failure = startServer({ env: { TICK_MS: 'soon', PORT: '-4' } });
    await expect(failure).rejects.toThrow(/TICK_MS/);
    await expect(failure).rejects.toThrow(/PORT/);
  });

  it('refuses unsafe production settings, naming each', async () => {
    // The test harness sets demo credentials: production must refuse them, and the missing accounts file.
    const failure = startServer({ env: { NODE_ENV: 'production', RATE_LIMIT: 'off' } });
    await expect(failure).rejects.toThrow(/ACCOUNTS_FILE is not set/);
    await expect(failure).rejects.toThrow(/DEMO_PASSWORD is set/);
    await expect(failure).rejects.toThrow(/DEMO_DEVICE_KEY is set/);
    await expect(failure).rejects.toThrow(/RATE_LIMIT=off/);
  });

  it('refuses production with an accounts file that has no admin, and starts with one', async () => {
    const withoutAdmin = await writeAccountsFixture([]);
    const accounts = readAccountsFile(withoutAdmin.path);
    writeAccountsFile(withoutAdmin.path, { ...accounts, users: accounts.users.filter((user) => user.role !== 'admin') });
    const production = { NODE_ENV: 'production', DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '', ALLOW_HTTP: '1' };
    await expect(startServer({ env: { ...production, ACCOUNTS_FILE: withoutAdmin.path } })).rejects.toThrow(/no admin account/);
    const complete = await writeAccountsFixture([]);
    const server = await startServer({ env: { ...production, ACCOUNTS_FILE: complete.path } });
    await server.stop();
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const server = await startServer();
    await server.stop();
    expect(server.logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });
});
