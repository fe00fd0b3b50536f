import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBody, type Snapshot } from '@fairwatch/protocol';
import { ApiClient } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

/** A small seeded generator of hostile values: wrong types, huge strings, prototype keys, deep nesting. */
function hostileValues(seed: number, count: number): unknown[] {
  let state = seed;
  const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });
  const base: unknown[] = [
    null, true, 0, -1, 1e308, -0, 'x', '', 'x'.repeat(200), '\u0000', '\ud800', '٣', [], {}, [[]], [null],
    { __proto__: { admin: true } }, JSON.parse('{"__proto__": {"polluted": 1}}'), { constructor: { prototype: { x: 1 } } },
    deep(50), deep(3000), '2022-13-45T99:99:99Z', Number.MAX_SAFE_INTEGER + 2, '10', ['a', 1, null],
  ];
  const fields = ['id', 'gate', 'stand', 'in', 'out', 'at', 'badge', 'type', 'severity', 'description', 'zone', 'position', 'status', 'note', 'assignee', 'username', 'password'];
  const bodies: unknown[] = [...base];
  while (bodies.length < count) {
    const body: Record<string, unknown> = {};
    const count = 1 + Math.floor(random() * 6);
    for (let f = 0; f < count; f++) body[fields[Math.floor(random() * fields.length)]!] = base[Math.floor(random() * base.length)];
    bodies.push(random() < 0.3 ? [body, body] : body);
  }
  return bodies;
}

describe.each(storeModes)('hostile input in $name mode', (mode) => {
  let api: ApiClient;
  let deviceKey: string;
  let staff: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    // Validation is what is tested here, not rate limits.
    const started = await mode.start({ RATE_LIMIT: 'off' });
    stop = started.stop;
    api = new ApiClient(started.server.url);
    deviceKey = started.server.deviceKey;
    staff = await api.login('admin', started.server.password);
  });
  afterAll(() => stop?.());

  it('answers every malformed or hostile body with a contract error, never a 5xx, and changes nothing', async () => {
    const before = (await api.get<Snapshot>('/api/v1/stats', staff)).body;
    const targets: Array<[string, string, string | undefined]> = [
      ['POST', '/api/v1/counts', deviceKey],
      ['POST', '/api/v1/checkins', deviceKey],
      ['POST', '/api/v1/incidents', staff],
      ['PATCH', '/api/v1/incidents/00000000-0000-4000-8000-000000000000', staff],
      ['POST', '/api/v1/incidents/00000000-0000-4000-8000-000000000000/notes', staff],
      ['POST', '/api/v1/incidents/00000000-0000-4000-8000-000000000000/assignment', staff],
      ['PUT', '/api/v1/incidents/00000000-0000-4000-8000-000000000000/photo', staff],
      ['POST', '/api/v1/login', undefined],
    ];
    // At least 1,000 bodies per write endpoint where it is cheap (embedded), fewer against Redis.
    const perEndpoint = mode.name === 'embedded' ? 1000 : 300;
    const statuses = new Map<number, number>();
    for (const [method, path, token] of targets) {
      for (const body of hostileValues(path.length, perEndpoint)) {
        const answer = await api.request(method, path, { token, raw: JSON.stringify(body) ?? 'undefined' });
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        expect(answer.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(ErrorBody.safeParse(answer.body).success, JSON.stringify(answer.body)).toBe(true);
      }
    }
    const after = (await api.get<Snapshot>('/api/v1/stats', staff)).body;
    // The forecast follows the clock (the programme's ramp), not the store: left out of "changes nothing".
    expect({ ...after, seq: 0, at: '', forecast: undefined }).toEqual({ ...before, seq: 0, at: '', forecast: undefined });
    expect([...statuses.keys()].every((status) => [400, 401, 403, 404, 409, 413, 422, 429].includes(status))).toBe(true);
    // 8,000 requests one after another: minutes on a loaded machine, seconds alone.
  }, 120_000);

  it('answers hostile paths and queries without a 5xx', async () => {
    for (const path of ['/api/v1/incidents?status=open&status=resolved', '/api/v1/incidents?status[]=x', '/api/v1/incidents/%E0%A4%A', `/api/v1/incidents/${'x'.repeat(5000)}`, '/api/v1/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        const answer = await api.request(method, path, { token: staff, ...(method !== 'GET' && { body: { status: 'resolved' } }) });
        expect(answer.status, `${method} ${path}`).toBeLessThan(500);
      }
    }
  });
});
