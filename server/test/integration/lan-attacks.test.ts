import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { STAFF_PASSWORD, writeAccountsFixture, type DeviceFixture } from '../support/accounts-fixture.ts';
import { ApiClient, uniqueId, type Answer } from '../support/api-client.ts';
import { until } from '../support/dashboard-client.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

/** A request that claims, through X-Forwarded-For, to come from `forwardedFor`. */
function from(api: ApiClient, forwardedFor: string) {
  const headers = { 'x-forwarded-for': forwardedFor };
  return {
    login: (username: string, password: string) => api.request('POST', '/api/v1/login', { body: { username, password }, headers }),
    get: (path: string, token?: string) => api.request('GET', path, { token, headers }),
    count: (key: string) => api.request('POST', '/api/v1/counts', { token: key, body: { id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: new Date().toISOString() }, headers }),
  };
}

const statuses = (answers: Answer[]) => answers.map((answer) => answer.status);
const tally = (answers: Answer[]) => statuses(answers).reduce<Record<number, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});

describe('a forged X-Forwarded-For without TRUST_PROXY', () => {
  let server: ServerProcess;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMITS: 'address=40,loginUser=3' } });
    api = new ApiClient(server.url);
  });
  afterAll(() => server?.stop());

  it('writes the real address into the audit log', async () => {
    const signedIn = await from(api, '6.6.6.6').login('admin', server.password);
    expect(signedIn.status).toBe(200);
    const entries = (await api.get('/api/v1/audit?limit=5', signedIn.body.token)).body.entries as Array<{ action: string; ip: string }>;
    expect(entries.find((entry) => entry.action === 'signed-in')?.ip).toBe('127.0.0.1');
  });

  it('does not escape sign-in throttling: rotating the header, the fourth guess and then the right password are refused', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 4; i++) answers.push(await from(api, `10.1.0.${i + 1}`).login('security', `guess-${i}`));
    expect(statuses(answers)).toEqual([401, 401, 401, 429]);
    expect((await from(api, '10.1.0.99').login('security', server.password)).status).toBe(429);
  });

  it('does not pass the socket origin check with a forged X-Forwarded-Host', async () => {
    const token = await api.login('operations', server.password);
    const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, extraHeaders: { origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' } });
    try {
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', () => resolve('refused'));
      });
      expect(outcome).toBe('refused');
    } finally {
      socket.close();
    }
  });

  it('does not escape the per-address limit', async () => {
    // 40 per 10 s: refused within 40 requests, or 80 if the 10 s window turned over meanwhile (a slow
    // machine); a believed header would give every request an address of its own and never a 429.
    let status = 0;
    let sent = 0;
    while (status !== 429 && sent < 200) status = (await from(api, `10.2.${sent >> 8}.${sent++ & 255}`).get('/api/v1/health')).status;
    expect(status).toBe(429);
    expect(sent).toBeLessThanOrEqual(80);
  });
});

describe('behind a trusted proxy (TRUST_PROXY) with an accounts file', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let devices: Record<string, DeviceFixture>;
  beforeAll(async () => {
    const fixture = await writeAccountsFixture([{ id: 'gate-a', gates: '*' }]);
    devices = fixture.keys;
    // The test plays the proxy (127.0.0.1) and the clients behind it (the addresses it forwards).
    server = await startServer({ env: { ACCOUNTS_FILE: fixture.path, DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '', TRUST_PROXY: '127.0.0.1', RATE_LIMITS: 'loginUser=5,loginAddress=7,deviceKeys=3' } });
    api = new ApiClient(server.url);
  });
  afterAll(() => server?.stop());

  it('takes the address the proxy saw, never what the client wrote left of it', async () => {
    const guesses: Answer[] = [];
    for (let i = 0; i < 6; i++) guesses.push(await from(api, `6.6.6.${i}, 10.9.8.7`).login('operations-1', `guess-${i}`));
    expect(statuses(guesses)).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is its own address, not locked out by the first.
    const other = await from(api, '10.9.8.8').login('operations-1', STAFF_PASSWORD);
    expect(other.status).toBe(200);
    await until(async () => {
      const entries = (await api.get('/api/v1/audit?limit=20', (await from(api, '10.9.8.9').login('admin-1', STAFF_PASSWORD)).body.token)).body.entries as Array<{ by: string; action: string; ip: string }>;
      return entries.some((entry) => entry.by === 'operations-1' && entry.action === 'signed-in' && entry.ip === '10.9.8.8');
    }, 3_000, 'the audit entry with the forwarded address');
  });

  it('charges sign-in attempts before checking them: 100 concurrent wrong passwords run the check at most the limit’s times', async () => {
    const sameUser = await Promise.all(Array.from({ length: 100 }, (_, i) => from(api, '10.3.0.1').login('security-1', `wrong-${i}`)));
    expect(tally(sameUser)).toEqual({ 401: 5, 429: 95 });
    const manyUsers = await Promise.all(Array.from({ length: 100 }, (_, i) => from(api, '10.3.0.2').login(`nobody-${i}`, `wrong-${i}`)));
    expect(tally(manyUsers)).toEqual({ 401: 7, 429: 93 });
  });

  it('gives a successful sign-in its attempt back', async () => {
    const client = from(api, '10.3.0.3');
    for (let i = 0; i < 10; i++) expect((await client.login('manager-1', STAFF_PASSWORD)).status).toBe(200);
  });

  it('charges unknown device ids like known ones, before any scrypt, per address', async () => {
    const known = devices['gate-a']!.key.split('.')[0]!;
    const first = from(api, '10.4.0.1');
    const unknownFirst = [await first.count('ghost-1.x'), await first.count('ghost-2.x'), await first.count('ghost-3.x'), await first.count(`${known}.wrong`)];
    expect(statuses(unknownFirst)).toEqual([401, 401, 401, 429]);
    const second = from(api, '10.4.0.2');
    const knownFirst = [await second.count(`${known}.wrong-1`), await second.count(`${known}.wrong-2`), await second.count(`${known}.wrong-3`), await second.count('ghost-4.x')];
    expect(statuses(knownFirst)).toEqual([401, 401, 401, 429]);
    expect(unknownFirst[3]!.body.error.code).toBe('rate_limited');
  });

  it('remembers a failed key (repeating it is not charged again) and never charges a proven one', async () => {
    const repeater = from(api, '10.4.0.3');
    const repeats: Answer[] = [];
    for (let i = 0; i < 8; i++) repeats.push(await repeater.count('ghost-9.same-wrong-secret'));
    expect(new Set(statuses(repeats))).toEqual(new Set([401]));
    const key = devices['gate-a']!.key;
    const device = from(api, '10.4.0.4');
    const posts: Answer[] = [];
    for (let i = 0; i < 8; i++) posts.push(await device.count(key));
    expect(new Set(statuses(posts))).toEqual(new Set([202]));
    // Proven now: even from the address that used up its checks, the right key goes through.
    expect((await from(api, '10.4.0.1').count(key)).status).toBe(202);
  });
});

