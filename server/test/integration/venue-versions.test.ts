import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Role } from '@fairwatch/protocol';
import { checkVenue, fesVenue, issuePath, type Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';
import type { ServerProcess } from '../support/server-process.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const name = (text: string) => ({ ar: text, fr: text, en: text });
const thresholds = { busy: 1, crowded: 2, critical: 3.5 };

/** tinyVenue without its hall (the stage alone, with a door of its own). */
const stageOnly: Venue = {
  ...tinyVenue,
  zones: [tinyVenue.zones[1]!],
  stands: [],
  gates: [{ id: 'stage-door', name: name('Stage door'), from: null, to: 'stage', position: [15, 5] }],
};

/** Sends raw bytes as a browser's upload would. */
async function upload(url: string, token: string, type: string, body: Buffer) {
  const answer = await fetch(new URL('/api/v1/venue/plan', url), { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: new Uint8Array(body) });
  return { status: answer.status, body: (await answer.json()) as any };
}

describe.each(storeModes)('venue versions ($name store)', (mode) => {
  let server: ServerProcess;
  let stop: () => Promise<void>;
  let api: ApiClient;
  let admin: string;
  beforeAll(async () => {
    ({ server, stop } = await mode.start());
    api = new ApiClient(server.url);
    admin = await api.login('admin', server.password);
  });
  afterAll(() => stop?.());

  const put = (venue: unknown, headers: Record<string, string> = {}, query = '') => api.request('PUT', `/api/v1/venue${query}`, { body: venue, token: admin, headers });

  it('seeds version 1 from the bundled venue, with its version in ETag and X-Venue-Version', async () => {
    const answer = await api.get('/api/v1/venue', admin);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(fesVenue);
    expect(answer.headers.get('etag')).toBe('"1"');
    expect(answer.headers.get('x-venue-version')).toBe('1');
    expect((await api.request('GET', '/api/v1/venue', { token: admin, headers: { 'If-None-Match': '"1"' } })).status).toBe(304);
    const versions = await api.get('/api/v1/venue/versions', admin);
    expect(versions.body).toEqual({ current: 1, versions: [expect.objectContaining({ version: 1, by: 'seed', counts: { zones: fesVenue.zones.length, stands: fesVenue.stands.length, gates: fesVenue.gates.length } })] });
  });

  it('refuses other roles (403) and callers without a session (401), changing nothing', async () => {
    const operations = await api.login('operations' as Role, server.password);
    expect((await api.request('PUT', '/api/v1/venue', { body: tinyVenue, token: operations })).status).toBe(403);
    expect((await api.get('/api/v1/venue/versions', operations)).status).toBe(403);
    expect((await api.request('PUT', '/api/v1/venue', { body: tinyVenue })).status).toBe(401);
    expect((await api.get('/api/v1/venue', admin)).headers.get('x-venue-version')).toBe('1');
  });

  it('answers 400 invalid_venue naming each bad field with its rule, changing nothing', async () => {
    const bad = structuredClone(tinyVenue);
    bad.zones[1]!.polygon = [[10, 0], [15, 10], [15, 0], [10, 10]];
    bad.gates[0]!.to = 'nowhere';
    const answer = await put(bad);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_venue');
    expect(answer.body.error.details).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'zones.1.polygon', code: 'self_intersecting' }),
      expect.objectContaining({ path: 'gates.0.to', code: 'unknown_zone' }),
    ]));
    expect((await put({ ...tinyVenue, zones: 'none' })).body.error.details[0].path).toBe('zones');
    expect((await api.get('/api/v1/venue/versions', admin)).body.current).toBe(1);
  });

  it('refuses crowd-flow settings and gate widths out of bounds with the studio\'s very rules (400 invalid_venue), changing nothing', async () => {
    const bad = structuredClone(tinyVenue);
    bad.crowdFlow = { exitFlowRate: 500, evacuationTargetMinutes: 0, gateFlowAlertLevel: 'A' as 'E', gateFlowAlertMinutes: 90 };
    bad.gates[0]!.widthM = 0.2;
    bad.gates[1]!.widthM = 40; // the floor is 15 x 10 m
    const answer = await put(bad, { 'If-Match': '"1"' });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('invalid_venue');
    const named = answer.body.error.details.map((detail: { path: string; code: string }) => `${detail.path}:${detail.code}`);
    expect(named.sort()).toEqual([
      'crowdFlow.evacuationTargetMinutes:too_small',
      'crowdFlow.exitFlowRate:too_big',
      'crowdFlow.gateFlowAlertLevel:invalid_value',
      'crowdFlow.gateFlowAlertMinutes:too_big',
      'gates.0.widthM:too_small',
    ]);
    expect(answer.body.error.details).toContainEqual(expect.objectContaining({ path: 'crowdFlow.exitFlowRate', message: 'from 20 to 120 persons/m/min' }));
    // The same schema as the studio's checks (packages/venue): what the server says is what the editor showed.
    expect(answer.body.error.details.map((detail: { path: string }) => detail.path)).toEqual(checkVenue(bad).map((issue) => issuePath(issue.path)));
    // Past the schema, a gate wider than the floor is refused by the shared cross-checks.
    const wide = structuredClone(tinyVenue);
    wide.gates[1]!.widthM = 40;
    const tooWide = await put(wide, { 'If-Match': '"1"' });
    expect(tooWide.status).toBe(400);
    expect(tooWide.body.error.details).toEqual([expect.objectContaining({ path: 'gates.1.widthM', code: 'gate_too_wide' })]);
    // A string where a number belongs is named too.
    expect((await put({ ...tinyVenue, crowdFlow: { exitFlowRate: '82' } }, { 'If-Match': '"1"' })).body.error.details[0].path).toBe('crowdFlow.exitFlowRate');
    expect((await api.get('/api/v1/venue/versions', admin)).body.current).toBe(1);
    expect((await api.get('/api/v1/venue', admin)).body).toEqual(fesVenue);
  });

  it('publishes a venue at once: the new version is served, counts land on its gates and zones', async () => {
    // A note too long is refused before anything is published.
    const tooLong = await put(tinyVenue, { 'If-Match': '"1"' }, `?note=${'x'.repeat(501)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe('note');
    expect((await api.get('/api/v1/venue/versions', admin)).body.current).toBe(1);
    const answer = await put(tinyVenue, { 'If-Match': '"1"' }, `?note=${encodeURIComponent('Hall seul, une porte')}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ version: 2, publishedAt: expect.any(String), by: 'admin' });
    // The note is the version's, in the list.
    expect((await api.get('/api/v1/venue/versions', admin)).body.versions[0]).toMatchObject({ version: 2, note: 'Hall seul, une porte' });
    const served = await api.get('/api/v1/venue', admin);
    expect(served.body).toEqual(tinyVenue);
    expect(served.headers.get('etag')).toBe('"2"');
    // The ingest routes know the new gates at once, and the figures the new zones.
    const count = await api.post('/api/v1/counts', { id: uniqueId(), gate: 'door', in: 5, out: 0, at: new Date().toISOString() }, server.deviceKey);
    expect(count.status).toBe(202);
    const unknown = await api.post('/api/v1/counts', { id: uniqueId(), gate: 'main-gate', in: 1, out: 0, at: new Date().toISOString() }, server.deviceKey);
    expect(unknown.status).toBe(422);
    await expect.poll(async () => (await api.get('/api/v1/stats', admin)).body.zones.hall?.occupancy, { timeout: 5_000 }).toBe(5);
  });

  it('refuses a publish based on a stale version (409 stale_version)', async () => {
    const answer = await put(tinyVenue, { 'If-Match': '"1"' });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: 'stale_version', details: [expect.objectContaining({ path: 'version' })] });
  });

  it('asks before removing a zone that holds people (409 removes_occupied), then publishes when confirmed', async () => {
    const refused = await put(stageOnly);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('removes_occupied');
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'zones', zone: 'hall', inside: 5 })]);
    expect((await api.get('/api/v1/venue/versions', admin)).body.current).toBe(2);
    const confirmed = await put(stageOnly, {}, '?confirmRemoval=true');
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.version).toBe(3);
    const audit = (await api.get('/api/v1/audit?action=venue.publish', admin)).body.entries;
    expect(audit[0]).toMatchObject({ by: 'admin', action: 'venue.publish', version: 3, removedOccupied: [{ zone: 'hall', inside: 5 }] });
  });

  it('lists versions newest first, reads one, and rolls back by publishing it again', async () => {
    const list = (await api.get('/api/v1/venue/versions', admin)).body;
    expect(list.current).toBe(3);
    expect(list.versions.map((version: { version: number }) => version.version)).toEqual([3, 2, 1]);
    expect(list.versions[1].counts).toEqual({ zones: 2, stands: 2, gates: 2 });
    const two = await api.get('/api/v1/venue/versions/2', admin);
    expect(two.body).toMatchObject({ version: 2, by: 'admin', venue: tinyVenue });
    expect((await api.get('/api/v1/venue/versions/99', admin)).status).toBe(404);
    // Back to version 2: hall returns, with the figures it kept (figures are keyed by id).
    const restored = await api.post('/api/v1/venue/versions/2/publish', {}, admin);
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(4);
    expect((await api.get('/api/v1/venue/versions', admin)).body.versions[0]).toMatchObject({ version: 4, restoredFrom: 2 });
    expect((await api.get('/api/v1/venue', admin)).body).toEqual(tinyVenue);
    await expect.poll(async () => (await api.get('/api/v1/stats', admin)).body.zones.hall?.occupancy, { timeout: 5_000 }).toBe(5);
  });

  it('answers hostile venues with a contract error, never a 5xx', async () => {
    const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });
    const values: unknown[] = [null, true, -1, 1e308, '', 'x'.repeat(600), '\ud800', [], {}, [[]], [null], deep(3000), JSON.parse('{"__proto__": {"polluted": 1}}'), [[Number.NaN, 1]], Array(1_001).fill([1, 1])];
    const paths = [['zones', 0, 'polygon'], ['zones', 0, 'polygon', 0], ['zones', 1, 'thresholds'], ['zones', 0, 'areaM2'], ['stands', 0, 'zone'], ['stands'], ['gates', 1, 'from'], ['gates', 0, 'position'], ['name'], ['plan'], ['zones'], ['timezone']];
    let current = (await api.get('/api/v1/venue/versions', admin)).body.current as number;
    for (const path of paths) {
      for (const value of values) {
        const venue = structuredClone(tinyVenue) as unknown as Record<string | number, any>;
        let target = venue;
        for (const key of path.slice(0, -1)) target = target[key];
        target[path.at(-1)!] = value;
        const answer = await put(venue);
        expect(answer.status, `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 80)}`).toBeLessThan(500);
        if (answer.status === 200) current = answer.body.version;
        else expect(answer.body.error?.code, JSON.stringify(answer.body).slice(0, 200)).toMatch(/^(invalid_venue|invalid_request|payload_too_large)$/);
      }
    }
    expect((await api.get('/api/v1/venue/versions', admin)).body.current).toBe(current);
  });

  it('takes a plan image (re-encoded, named by its sha256) and a venue whose plan names it', async () => {
    const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: '#dde' } }).png().toBuffer();
    const stored = await upload(server.url, admin, 'image/png', png);
    expect(stored.status).toBe(201);
    expect(stored.body).toEqual({ image: expect.stringMatching(/^[0-9a-f]{64}$/), widthPx: 120, heightPx: 80 });
    const image = await fetch(new URL(`/api/v1/venue/plan/${stored.body.image}`, server.url), { headers: { authorization: `Bearer ${admin}` } });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toContain('immutable');
    expect((await sharp(Buffer.from(await image.arrayBuffer())).metadata()).width).toBe(120);
    const plan = { image: stored.body.image, widthPx: 120, heightPx: 80, metresPerPixel: 0.125, origin: [0, 10], rotationDeg: 0 };
    const published = await put({ ...tinyVenue, plan });
    expect(published.status).toBe(200);
    expect((await api.get('/api/v1/venue', admin)).body.plan).toEqual(plan);
    const unknown = await put({ ...tinyVenue, plan: { ...plan, image: 'f'.repeat(64) } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([expect.objectContaining({ path: 'plan.image' })]);
    expect((await api.get(`/api/v1/venue/plan/${'0'.repeat(64)}`, admin)).status).toBe(404);
  });

  it('refuses a plan that is not the image it claims (415), too big (413), or broken (400)', async () => {
    const wrongMagic = await upload(server.url, admin, 'image/png', Buffer.from('GIF89a not a png at all'));
    expect(wrongMagic.status).toBe(415);
    expect(wrongMagic.body.error.code).toBe('unsupported_image');
    expect((await upload(server.url, admin, 'image/gif', Buffer.from('GIF89a'))).status).toBe(415);
    const tooBig = await upload(server.url, admin, 'image/png', Buffer.alloc(15 * 1024 * 1024 + 1));
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('too_large');
    const png = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#fff' } }).png().toBuffer();
    const broken = await upload(server.url, admin, 'image/png', png.subarray(0, 60));
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe('invalid_image');
  });
});
