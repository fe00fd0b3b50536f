import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fesVenue } from '@fairwatch/venue';
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

  it('refuses to start in production with demo credentials', async () => {
    await expect(startServer({ env: { NODE_ENV: 'production' } })).rejects.toThrow(/production/);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const server = await startServer();
    await server.stop();
    expect(server.logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
  });
});
