import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, type Incident, type Snapshot } from '@fairwatch/protocol';
import { ApiClient } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const DAY_MS = 24 * 3_600_000;

describe('refused configurations', () => {
  it('takes NODE_ENV case-insensitively: Production is production (and refuses the demo accounts)', async () => {
    const failure = startServer({ env: { NODE_ENV: 'Production' } });
    await expect(failure).rejects.toThrow(/refusing to start in production/);
    await expect(failure).rejects.toThrow(/DEMO_PASSWORD is set/);
  });

  it('refuses an unknown NODE_ENV rather than starting a demo with printed passwords', async () => {
    const failure = startServer({ env: { NODE_ENV: 'prod' } });
    await expect(failure).rejects.toThrow(/NODE_ENV: "prod" is not one of development, test, production/);
    await expect(failure).rejects.not.toThrow(/demo credentials/);
  });

  it('refuses rate-limit overrides above the ceiling in production, naming each', async () => {
    const failure = startServer({ env: { NODE_ENV: 'production', RATE_LIMITS: 'address=1000000000,loginUser=5' } });
    await expect(failure).rejects.toThrow(/RATE_LIMITS address=1000000000 is above the most production allows \(20000\)/);
    await expect(failure).rejects.not.toThrow(/loginUser=5/);
  });
});

describe.each(storeModes)('request limits and edges in $name mode', (mode) => {
  let api: ApiClient;
  let server: ServerProcess;
  let operations: string;
  let admin: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await mode.start();
    server = started.server;
    stop = started.stop;
    api = new ApiClient(server.url);
    [operations, admin] = await Promise.all([api.login('operations', server.password), api.login('admin', server.password)]);
  });
  afterAll(() => stop?.());

  const logIncident = async () => {
    const answer = await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'other', severity: 'low', description: 'Allée encombrée' }, operations);
    expect(answer.status).toBe(201);
    return answer.body;
  };

  it('answers a method a path does not have with a JSON 405 in the contract shape, listing the allowed ones', async () => {
    const answer = await api.request('DELETE', '/api/v1/incidents', { token: operations });
    expect(answer.status).toBe(405);
    expect(answer.headers.get('content-type')).toMatch(/application\/json/);
    expect(ErrorBody.parse(answer.body).error.code).toBe('method_not_allowed');
    expect(answer.headers.get('allow')).toMatch(/GET/);
    const unknownMethod = await api.request('PROPFIND', '/api/v1/stats', { token: operations });
    expect(unknownMethod.status).toBe(405);
    expect(ErrorBody.safeParse(unknownMethod.body).success).toBe(true);
  });

  it('tells which store runs to signed-in staff only', async () => {
    const anonymous = await api.get('/api/v1/health');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    expect(await api.get('/api/v1/health', 'not-a-session')).toMatchObject({ body: { status: 'ok' } });
    expect((await api.get('/api/v1/health', 'not-a-session')).body).not.toHaveProperty('store');
    expect((await api.get('/api/v1/health', operations)).body).toEqual({ status: 'ok', store: mode.name });
  });

  it('checks a PATCH assignee against the staff accounts, as the assignment endpoint does', async () => {
    const { id } = await logIncident();
    const unknown = await api.patch(`/api/v1/incidents/${id}`, { status: 'acknowledged', assignee: 'nobody-at-all' }, operations);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_reference', details: [{ path: 'assignee' }] });
    expect((await api.get<Incident>(`/api/v1/incidents/${id}`, operations)).body.status).toBe('open');
    const known = await api.patch<Incident>(`/api/v1/incidents/${id}`, { status: 'acknowledged', assignee: 'security' }, operations);
    expect(known.status).toBe(200);
    expect(known.body.assignee).toBe('security');
  });

  it('audits every incident step: logged, note, assignment, status change', async () => {
    const { id } = await logIncident();
    const noteId = randomUUID();
    expect((await api.post(`/api/v1/incidents/${id}/notes`, { id: noteId, text: 'Vu au stand B12' }, operations)).status).toBe(201);
    expect((await api.post(`/api/v1/incidents/${id}/assignment`, { assignee: 'security' }, operations)).status).toBe(200);
    expect((await api.patch(`/api/v1/incidents/${id}`, { status: 'resolved' }, operations)).status).toBe(200);
    await expect
      .poll(async () => {
        const { body } = await api.get<{ entries: Array<Record<string, unknown>> }>('/api/v1/audit?limit=50', admin);
        return body.entries.filter((entry) => entry.incident === id).map((entry) => entry.action).sort();
      })
      .toEqual(['incident-assigned', 'incident-logged', 'incident-note', 'incident-resolved']);
    const { body } = await api.get<{ entries: Array<Record<string, unknown>> }>('/api/v1/audit?limit=50', admin);
    expect(body.entries.find((entry) => entry.action === 'incident-note' && entry.incident === id)).toMatchObject({ by: 'operations', note: noteId });
    expect(body.entries.find((entry) => entry.action === 'incident-assigned' && entry.incident === id)).toMatchObject({ assignee: 'security' });
  });

  it('drops bidirectional controls from descriptions and notes, so that U+202E cannot reverse what others read', async () => {
    const id = randomUUID();
    const created = await api.post<Incident>('/api/v1/incidents', { id, type: 'security', severity: 'high', description: 'Sac \u202Eeniluos\u202C abandonné \u2067زاوية\u2069 \u200Fok' }, operations);
    expect(created.status).toBe(201);
    expect(created.body.description).toBe('Sac eniluos abandonné زاوية \u200Fok');
    const noted = await api.post<Incident>(`/api/v1/incidents/${id}/notes`, { id: randomUUID(), text: '\u202DPlan B\u202A\u202B' }, operations);
    expect(noted.body.history.at(-1)?.note).toBe('Plan B');
    const resolved = await api.patch<Incident>(`/api/v1/incidents/${id}`, { status: 'resolved', note: 'fin\u2066' }, operations);
    expect(resolved.body.history.at(-1)?.note).toBe('fin');
    // Nothing but controls is an empty description.
    const empty = await api.post('/api/v1/incidents', { id: randomUUID(), type: 'other', severity: 'low', description: '\u202E\u202E' }, operations);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('description');
  });

  const postCounts = (items: unknown) =>
    fetch(new URL('/api/v1/counts', server.url), { method: 'POST', headers: { authorization: `Bearer ${server.deviceKey}`, 'content-type': 'application/json' }, body: JSON.stringify(items) });

  it('refuses reports dated longer ago than MAX_REPORT_AGE_S (7 days) with 422, nothing applied', async () => {
    const before = (await api.get<Snapshot>('/api/v1/stats', operations)).body.totals;
    const old = new Date(Date.now() - 8 * DAY_MS).toISOString();
    const yearZero = '0000-01-01T00:00:00.000Z';
    const fresh = { id: `fresh-${randomUUID()}`, gate: 'main-gate', in: 1, out: 0, at: new Date().toISOString() };
    for (const at of [old, yearZero]) {
      const answer = await postCounts([fresh, { id: `old-${randomUUID()}`, gate: 'main-gate', in: 5, out: 0, at }]);
      expect(answer.status, at).toBe(422);
      const body = ErrorBody.parse(await answer.json());
      expect(body.error.code).toBe('clock_skew');
      expect(body.error.details?.[0]).toMatchObject({ path: '1.at' });
      expect(body.error.details?.[0]?.message).toContain('MAX_REPORT_AGE_S');
    }
    const far = await postCounts({ id: `far-${randomUUID()}`, gate: 'main-gate', in: 1, out: 0, at: '2999-01-01T00:00:00.000Z' });
    expect(far.status).toBe(422);
    expect((await api.get<Snapshot>('/api/v1/stats', operations)).body.totals.entriesToday).toBe(before.entriesToday);
    // Six days ago is within the bound.
    expect((await postCounts({ id: `recent-${randomUUID()}`, gate: 'main-gate', in: 1, out: 0, at: new Date(Date.now() - 6 * DAY_MS).toISOString() })).status).toBe(202);
  });

  it('adds nothing for a running-total jump beyond what one report may carry, and counts on from it', async () => {
    const device = `counter-${randomUUID()}`;
    const totals = (inTotal: number, offsetMs: number) => ({ id: `t-${randomUUID()}`, gate: 'main-gate', device, inTotal, outTotal: 0, at: new Date(Date.now() - 60_000 + offsetMs).toISOString() });
    const inside = async () => (await api.get<Snapshot>('/api/v1/stats', operations)).body.totals.inside;
    expect((await postCounts(totals(10, 0))).status).toBe(202);
    const start = await inside();
    expect((await postCounts(totals(2_147_483_000, 1000))).status).toBe(202);
    expect(await inside()).toBe(start);
    expect((await postCounts(totals(2_147_483_004, 2000))).status).toBe(202);
    await expect.poll(inside).toBe(start + 4);
  });

  it('gives Socket.IO polling requests the security headers', async () => {
    const answer = await fetch(new URL('/socket.io/?EIO=4&transport=polling', server.url));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(answer.headers.get('x-frame-options')).toBe('DENY');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('connections under the limits', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ env: { MAX_CONNECTIONS: '4', HEADERS_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '1000' } });
  });
  afterAll(() => server?.stop());

  it('cuts off a body sent too slowly (REQUEST_TIMEOUT_MS) instead of holding it', async () => {
    const url = new URL(server.url);
    const socket = connect(Number(url.port), url.hostname);
    const startedAt = Date.now();
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
    });
    socket.write(`POST /api/v1/login HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    const answer = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Within the deadline and the check that runs each second (not Node's default 300 s, or 120 s of old).
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('cuts off headers trickled in line by line (slowloris) within the deadlines instead of holding the connection', async () => {
    const url = new URL(server.url);
    const socket = connect(Number(url.port), url.hostname);
    const startedAt = Date.now();
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
    });
    // A header line now and then, never the blank line that ends them (slowloris).
    socket.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${url.host}\r\n`);
    const drip = setInterval(() => socket.writable && socket.write('X-Slow: 1\r\n'), 200);
    try {
      expect(await closed).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      clearInterval(drip);
    }
    expect(Date.now() - startedAt).toBeLessThan(5_000);
  });

  it('closes connections that send nothing, so that MAX_CONNECTIONS silent sockets cannot shut everyone out', async () => {
    const url = new URL(server.url);
    const startedAt = Date.now();
    // As many silent connections as the server takes: without a deadline of their own they were held for good.
    const silent = Array.from({ length: 4 }, () => new Promise<number>((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      socket.on('error', () => undefined);
      socket.on('data', () => undefined); // read, so that the server's end is seen
      socket.on('close', () => resolve(Date.now() - startedAt));
    }));
    const closedAfter = await Promise.all(silent);
    // HEADERS_TIMEOUT_MS (500 ms), checked each second; Node's default would be 60 s.
    for (const ms of closedAfter) expect(ms).toBeLessThan(5_000);
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200);
  });

  it('keeps at most MAX_CONNECTIONS connections open', async () => {
    const url = new URL(server.url);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
        socket.once('error', reject);
      });
    const idle = await Promise.all(Array.from({ length: 4 }, open));
    try {
      // One too many: accepted by the kernel, then closed by the server at once, unanswered.
      const extra = await open();
      const answered = await new Promise<string>((resolve) => {
        let data = '';
        extra.on('data', (chunk) => (data += chunk.toString()));
        extra.on('close', () => resolve(data));
        extra.on('error', () => undefined);
        extra.write(`GET /api/v1/health HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`);
      });
      expect(answered).toBe('');
    } finally {
      for (const socket of idle) socket.destroy();
    }
  });
});

describe('Socket.IO polling under the per-address limit', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMITS: 'address=20' } });
  });
  afterAll(() => server?.stop());

  it('counts polling requests against the per-address limit and answers the contract 429', async () => {
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 30; i++) {
      const answer = await fetch(new URL('/socket.io/?EIO=4&transport=polling', server.url));
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
      else await answer.text();
    }
    expect(statuses.filter((status) => status === 200).length).toBeLessThanOrEqual(20);
    expect(refused).toBeDefined();
    expect(refused!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(ErrorBody.parse(await refused!.json()).error.code).toBe('rate_limited');
    // The same budget as the API's: the address is refused there too.
    expect((await fetch(new URL('/api/v1/health', server.url))).status).toBe(429);
  });
});
