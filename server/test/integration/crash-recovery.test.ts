/**
 * The durable embedded store under real crashes: a server process on a DATA_DIR is killed (SIGKILL)
 * at seeded random moments while devices retry their counts and check-ins and a phone retries its
 * incidents, then restarted on the same directory; at the end it is stopped normally (SIGTERM) once
 * more. Every report a device saw acknowledged must be counted once, every incident listed once, an
 * acknowledged alert still acknowledged, a token issued before the first crash still accepted.
 * CRASH_SEED picks other moments.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Alert, Incident, Snapshot } from '@fairwatch/protocol';
import { mulberry32 } from '@fairwatch/simulator';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { startServer, temporaryDataDir, type ServerProcess } from '../support/server-process.ts';

const SEED = Number(process.env.CRASH_SEED ?? 13);
const KILLS = 3;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the durable embedded store when the server crashes', () => {
  const dataDir = temporaryDataDir();
  // Credentials of its own: another test's client retrying at a port this test's restarted server now
  // has (ports are reused while tests run in parallel) is refused instead of counted here.
  const secret = randomUUID();
  const env = { DATA_DIR: dataDir, RATE_LIMIT: 'off', GATE_OFFLINE_MS: '600000', DEMO_PASSWORD: `pw-${secret}`, DEMO_DEVICE_KEY: `key-${secret}` };
  let server: ServerProcess;
  /** Between a kill and the next start: the old address may answer for another test's server. */
  let restarting = false;
  afterAll(() => server?.stop());

  /** Posts until the server answers 2xx, across crashes and restarts (the address changes with each start). */
  async function untilAcknowledged(method: 'POST', path: string, body: unknown, token: string, tally: { retries: number }): Promise<{ status: number; body: any }> {
    for (;;) {
      const url = server.url;
      try {
        const answer = await new ApiClient(url).request(method, path, { body, token });
        if (answer.status >= 200 && answer.status < 300) return answer;
        // Not this test's server: an old address now used by another test's.
        if (answer.status === 401 && (restarting || url !== server.url)) throw new Error('retry');
        // Only outages may be retried; anything else is a bug this test must show.
        if (answer.status !== 503 && answer.status !== 502) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      } catch (error) {
        if (error instanceof Error && error.message.includes(' answered ')) throw error;
      }
      tally.retries++;
      await pause(20);
    }
  }

  it('counts every acknowledged report once and keeps incidents, alerts and sessions through SIGKILL and SIGTERM', async () => {
    // Kill moments from their own generator: they repeat with the seed, whatever the workers draw.
    const moments = mulberry32(SEED);
    const random = mulberry32(SEED + 1);
    const started = performance.now();
    server = await startServer({ env });
    const api = new ApiClient(server.url);
    const [operations, security] = await Promise.all([api.login('operations', server.password), api.login('security', server.password)]);
    const venue = (await api.get<Venue>('/api/v1/venue', operations)).body;
    const entrance = venue.gates.find((gate) => gate.from === null)!;
    const zone = venue.zones.find((candidate) => candidate.id === entrance.to)!;
    const stands = venue.stands.slice(0, 3).map((stand) => stand.id);
    const deviceKey = server.deviceKey;

    // An alert raised and acknowledged before the first crash.
    const surge = await api.post('/api/v1/counts', { id: uniqueId('surge'), gate: entrance.id, in: Math.ceil(zone.thresholds.busy * zone.areaM2) + 5, out: 0, at: new Date().toISOString() }, deviceKey);
    expect(surge.status).toBe(202);
    const activeAlert = async () => (await new ApiClient(server.url).get<{ alerts: Alert[] }>('/api/v1/alerts?active=true', operations)).body.alerts.find((alert) => alert.zone === zone.id);
    await expect.poll(activeAlert, { timeout: 10_000 }).toBeDefined();
    const alert = (await activeAlert())!;
    expect((await api.post(`/api/v1/alerts/${alert.id}/acknowledge`, {}, operations)).status).toBe(200);

    const acked = { entries: surge.status === 202 ? Math.ceil(zone.thresholds.busy * zone.areaM2) + 5 : 0, checkins: 0, reports: 1, incidents: new Set<string>() };
    const tally = { retries: 0 };
    let stopping = false;

    const countDevice = async (device: number) => {
      while (!stopping) {
        const batch = Array.from({ length: 5 }, () => ({ id: uniqueId(`d${device}`), gate: entrance.id, in: 1 + Math.floor(random() * 3), out: 0, at: new Date().toISOString() }));
        await untilAcknowledged('POST', '/api/v1/counts', batch, deviceKey, tally);
        acked.entries += batch.reduce((sum, report) => sum + report.in, 0);
        acked.reports += batch.length;
      }
    };
    const checkinDevice = async () => {
      while (!stopping) {
        const batch = Array.from({ length: 3 }, (_, index) => ({ id: uniqueId('k'), stand: stands[index]!, badge: `B-${Math.floor(random() * 1000)}`, at: new Date().toISOString() }));
        await untilAcknowledged('POST', '/api/v1/checkins', batch, deviceKey, tally);
        acked.checkins += batch.length;
      }
    };
    const phone = async () => {
      while (!stopping) {
        const id = randomUUID();
        await untilAcknowledged('POST', '/api/v1/incidents', { id, type: 'medical', severity: 'high', description: 'Malaise près du stand', zone: zone.id }, security, tally);
        acked.incidents.add(id);
      }
    };
    const failures: unknown[] = [];
    const workers = [countDevice(1), countDevice(2), countDevice(3), checkinDevice(), phone()].map((worker) =>
      worker.catch((error: unknown) => {
        failures.push(error);
        stopping = true;
      }),
    );

    const restarts: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      await pause(250 + Math.floor(moments() * 500));
      restarting = true;
      await server.kill();
      const restartAt = performance.now();
      server = await startServer({ env });
      restarting = false;
      restarts.push(Math.round(performance.now() - restartAt));
    }
    await pause(300);
    // A normal stop under load, then the same checks: nothing may be lost or warned about.
    const stopped = server;
    restarting = true;
    await stopped.stop();
    server = await startServer({ env });
    restarting = false;
    await pause(200);
    stopping = true;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    const client = new ApiClient(server.url);
    const stats = (await client.get<Snapshot>('/api/v1/stats', operations)).body;
    const counted = { entries: stats.gates[entrance.id]!.inToday, checkins: stands.reduce((sum, stand) => sum + (stats.stands[stand]?.checkinsToday ?? 0), 0) };
    const incidents = (await client.get<{ incidents: Incident[] }>('/api/v1/incidents', operations)).body.incidents;
    const listed = incidents.map((incident) => incident.id);

    console.log(
      `crash test (seed ${SEED}): ${KILLS} SIGKILLs + 1 SIGTERM in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `acknowledged ${acked.reports} count reports (${acked.entries} persons), ${acked.checkins} check-ins, ${acked.incidents.size} incidents; ` +
        `counted ${counted.entries} persons, ${counted.checkins} check-ins, ${listed.length} incidents (${new Set(listed).size} distinct); ` +
        `${tally.retries} retries; restarts took ${restarts.join(', ')} ms`,
    );
    expect(counted.entries).toBe(acked.entries);
    expect(counted.checkins).toBe(acked.checkins);
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual([...acked.incidents].sort());
    expect((await client.get<{ alerts: Alert[] }>('/api/v1/alerts', operations)).body.alerts.find((candidate) => candidate.id === alert.id)).toMatchObject({ acknowledgedBy: 'operations' });
    // The sessions signed in before the first crash still work.
    expect((await client.get('/api/v1/session', operations)).status).toBe(200);
    expect((await client.get('/api/v1/session', security)).status).toBe(200);
    // SIGTERM: a clean stop, and a clean start after it.
    const warnings = [...stopped.logs, ...server.logs].filter((entry) => Number(entry.level) >= 40);
    expect(warnings).toEqual([]);
  }, 120_000);
});
