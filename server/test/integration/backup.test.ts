/**
 * `pnpm backup` copies a running server's DATA_DIR while devices write to it; a new server started on
 * the copy finds the data (the README's restore).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Incident, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { randomUUID } from 'node:crypto';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server-process.ts';

const BACKUP = fileURLToPath(new URL('../../src/cli/backup.ts', import.meta.url));
const run = promisify(execFile);

describe('pnpm backup', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
  });

  it('writes a consistent copy while the server takes reports, and a server started on the copy finds the data', async () => {
    const dataDir = temporaryDataDir();
    const server = await startServer({ env: { DATA_DIR: dataDir, RATE_LIMIT: 'off' } });
    servers.push(server);
    const api = new ApiClient(server.url);
    const operations = await api.login('operations', server.password);
    const venue = (await api.get<Venue>('/api/v1/venue', operations)).body;
    const gate = venue.gates.find((candidate) => candidate.from === null)!;
    const incident = (await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'lost_person', severity: 'high', description: 'Enfant perdu', zone: gate.to }, operations)).body;
    expect(incident.id).toBeDefined();
    const post = (persons: number) => api.post('/api/v1/counts', { id: uniqueId('backup'), gate: gate.id, in: persons, out: 0, at: new Date().toISOString() }, server.deviceKey);
    expect((await post(30)).status).toBe(202);

    // Reports keep arriving while the copy is made.
    let writing = true;
    const writer = (async () => {
      while (writing) expect((await post(1)).status).toBe(202);
    })();
    const target = join(temporaryDataDir(), 'copy');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', BACKUP, target], { env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' } });
    writing = false;
    await writer;
    expect(stdout).toMatch(/copied to .*fairwatch\.mdb/);

    // The README's restore: start a server on the copy.
    const restored = await startServer({ env: { DATA_DIR: target } });
    servers.push(restored);
    const copy = new ApiClient(restored.url);
    const token = await copy.login('operations', restored.password);
    const stats = (await copy.get<Snapshot>('/api/v1/stats', token)).body;
    expect(stats.gates[gate.id]!.inToday).toBeGreaterThanOrEqual(30);
    expect((await copy.get<{ incidents: Incident[] }>('/api/v1/incidents', token)).body.incidents.map((candidate) => candidate.id)).toContain(incident.id);
    // A session signed in on the original is in the copy too.
    expect((await copy.get('/api/v1/session', operations)).status).toBe(200);
    // A copy is a snapshot: it never has more than the original.
    const original = (await api.get<Snapshot>('/api/v1/stats', operations)).body;
    expect(stats.gates[gate.id]!.inToday).toBeLessThanOrEqual(original.gates[gate.id]!.inToday);

    // A second backup into a non-empty directory is refused, naming it.
    await expect(run(process.execPath, ['--import', 'tsx', BACKUP, target], { env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' } })).rejects.toThrow(/exists and is not an empty directory/);
  }, 60_000);
});
