/**
 * The phones on the floor (issue 17) through the API: a steward's tally counter and a stand scanner
 * provisioned with `pnpm accounts add-device … --url`, against a real server with an accounts file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldGates, FieldStand, Role, VenueClock } from '@fairwatch/protocol';
import { localTimeToInstant, venueDay } from '@fairwatch/venue/venue-time';
import { STAFF_PASSWORD, writeAccountsFixture } from '../support/accounts-fixture.ts';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { until } from '../support/dashboard-client.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const CLI = fileURLToPath(new URL('../../src/cli/accounts.ts', import.meta.url));
const run = promisify(execFile);
const now = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

describe('field devices: steward tally counters and stand scanners', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let file: string;
  let steward: string;
  let gateKey: string;

  beforeAll(async () => {
    const fixture = await writeAccountsFixture([{ id: 'tally-main', gates: ['main-gate'] }]);
    file = fixture.path;
    gateKey = fixture.keys['tally-main']!.key;
    server = await startServer({ env: { ACCOUNTS_FILE: file, DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '' } });
    api = new ApiClient(server.url);
    steward = await api.login('steward-1' as Role, STAFF_PASSWORD);
  });
  afterAll(() => server?.stop());

  it('lets a steward count at any gate and read the gates’ figures with the zone’s level, and nothing else', async () => {
    const batch = [
      { id: uniqueId('tally'), gate: 'second-gate', in: 7, out: 0, at: now() },
      { id: uniqueId('tally'), gate: 'second-gate', in: 0, out: 2, at: now() },
    ];
    expect((await api.post('/api/v1/counts', batch, steward)).body).toEqual({ accepted: 2, duplicates: 0 });
    // The phone's retry after a lost answer: the same ids count once.
    expect((await api.post('/api/v1/counts', batch, steward)).body).toEqual({ accepted: 0, duplicates: 2 });
    await until(async () => {
      const gates = (await api.get<FieldGates>('/api/v1/field/gates', steward)).body.gates;
      const gate = gates.find((candidate) => candidate.id === 'second-gate');
      return gate?.inToday === 7 && gate.outToday === 2;
    }, 5_000, 'the steward’s counts in the gate’s figures');
    const { gates } = (await api.get<FieldGates>('/api/v1/field/gates', steward)).body;
    expect(gates.map((gate) => gate.id)).toContain('main-gate');
    const second = gates.find((gate) => gate.id === 'second-gate')!;
    expect(second.zone).toMatchObject({ id: 'central-promenade', occupancy: 5, level: 'normal' });
    expect(second.name.ar).toBeTruthy();
    expect((await api.post('/api/v1/checkins', { id: uniqueId('c'), stand: 'P-001', at: now() }, steward)).status).toBe(403);
    expect((await api.get('/api/v1/stats', steward)).status).toBe(403);
    // Issue 16: the venue (the plan under every map, no figures) is read by every role.
    expect((await api.get('/api/v1/venue', steward)).status).toBe(200);
    expect((await api.get('/api/v1/field/stands/P-001', steward)).status).toBe(403);
  });

  it('shows a gate device only its own gates', async () => {
    const { gates } = (await api.get<FieldGates>('/api/v1/field/gates', gateKey)).body;
    expect(gates.map((gate) => gate.id)).toEqual(['main-gate']);
  });

  it('provisions a stand scanner by link and QR code: the key in the fragment opens the stand’s figures, repeats flagged', async () => {
    const png = join(dirname(file), 'scanner-p001.png');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, 'add-device', 'scanner-p001', '--stands', 'P-001', '--url', 'https://fair.example/', '--qr', png, '--file', file]);
    const link = /https:\/\/fair\.example\/#\/provision\?\S+/.exec(stdout)?.[0];
    expect(link, stdout).toBeTruthy();
    const url = new URL(link!);
    // Nothing but the origin and path reaches a server: the key is in the fragment.
    expect(url.search).toBe('');
    const params = new URLSearchParams(url.hash.slice('#/provision?'.length));
    expect(params.get('page')).toBe('scanner');
    expect(params.get('stand')).toBe('P-001');
    const key = params.get('key')!;
    expect(key.startsWith('scanner-p001.')).toBe(true);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    expect(stdout).toContain('▀'); // the terminal QR code

    // The server re-reads the accounts file within a second.
    await until(async () => (await api.get('/api/v1/field/stands/P-001', key)).status === 200, 5_000, 'the new key accepted');
    expect((await api.get('/api/v1/field/stands/P-002', key)).status).toBe(403);
    expect((await api.get('/api/v1/field/stands/no-such-stand', key)).status).toBe(404);
    expect((await api.get('/api/v1/field/gates', key)).body.gates).toEqual([]);

    // Over the last two minutes, but never before the venue's midnight: all four count today.
    const manager = await api.login('manager-1' as Role, STAFF_PASSWORD);
    const { timezone } = (await api.get<VenueClock>('/api/v1/clock', manager)).body;
    const nowMs = Date.now();
    const from = Math.max(nowMs - 120_000, localTimeToInstant(venueDay(new Date(nowMs), timezone), '00:00', timezone));
    const at = (share: number) => new Date(from + share * (nowMs - from)).toISOString();
    const scans = [
      { id: uniqueId('scan'), stand: 'P-001', badge: 'B-1001', at: at(0) },
      { id: uniqueId('scan'), stand: 'P-001', badge: 'B-1002', at: at(1 / 6) },
      { id: uniqueId('scan'), stand: 'P-001', badge: 'B-1001', at: at(1 / 2) },
      { id: uniqueId('scan'), stand: 'P-001', at: at(1) },
    ];
    expect((await api.post('/api/v1/checkins', scans, key)).body).toEqual({ accepted: 4, duplicates: 0 });
    await until(async () => (await api.get<FieldStand>('/api/v1/field/stands/P-001', key)).body.checkinsToday === 4, 5_000, 'the check-ins in the stand’s figures');
    expect((await api.get<FieldStand>('/api/v1/field/stands/P-001', key)).body).toMatchObject({ id: 'P-001', checkinsToday: 4, checkinsLast15m: 4, repeatsToday: 1 });
    expect((await api.get('/api/v1/stats', manager)).body.stands['P-001']).toEqual({ checkinsToday: 4, checkinsLast15m: 4, repeatsToday: 1 });
  });

  it('refuses a provisioning link for a device with nothing to count, or one that must sign', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', CLI, 'add-device', 'nothing', '--url', 'https://fair.example/', '--file', file]).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(2);
    const signing = await run(process.execPath, ['--import', 'tsx', CLI, 'add-device', 'signer', '--gates', 'main-gate', '--signing', '--url', 'https://fair.example/', '--file', file]).catch((error: { code: number; stderr: string }) => error);
    expect('code' in signing && signing.code).toBe(2);
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toMatch(/"(nothing|signer)"/);
  });
});
