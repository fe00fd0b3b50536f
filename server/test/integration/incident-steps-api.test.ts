import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, type Incident } from '@fairwatch/protocol';
import sharp from 'sharp';
import { ApiClient } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

/** A real JPEG of noise (it does not compress), about `kilobytes` large. */
async function realJpeg(kilobytes: number): Promise<Buffer> {
  const side = Math.round(Math.sqrt(kilobytes * 1024 / 1.1));
  const pixels = Buffer.alloc(side * side * 3);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 2_654_435_761) >>> 24;
  return sharp(pixels, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 80 }).toBuffer();
}

/** A JPEG that carries an HTML page in a comment segment and another after its end marker (a polyglot). */
function polyglot(image: Buffer): Buffer {
  const html = Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>');
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, (html.length + 2) >> 8, (html.length + 2) & 0xff]), html]);
  // A short tail after the end marker too (cameras pad there, so a few bytes pass the truncation check).
  return Buffer.concat([image.subarray(0, 2), comment, image.subarray(2), Buffer.from('<script>alert(1)</script>')]);
}

/** Bytes that pass a look at their ends for a whole JPEG: start-of-image … end-of-image, nothing decodable between. */
function jpeg(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}


describe.each(storeModes)('incident notes, assignment and photos in $name mode', (mode) => {
  let api: ApiClient;
  let security: string;
  let operations: string;
  let manager: string;
  let stop: () => Promise<void>;
  let dir: string;
  let password: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fairwatch-venue-'));
    const venueFile = join(dir, 'venue.json');
    writeFileSync(venueFile, JSON.stringify(tinyVenue));
    const started = await mode.start({ VENUE_FILE: venueFile });
    stop = started.stop;
    api = new ApiClient(started.server.url);
    password = started.server.password;
    [security, operations, manager] = await Promise.all([api.login('security', password), api.login('operations', password), api.login('manager', password)]);
  });
  afterAll(async () => {
    await stop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const log = async (fields: Record<string, unknown> = {}) => {
    const answer = await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'security', severity: 'medium', description: 'Sac abandonné', zone: 'hall', ...fields }, security);
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const putPhoto = (id: string, body: Uint8Array | string, type = 'image/jpeg', token = security) =>
    fetch(new URL(`/api/v1/incidents/${id}/photo`, api.baseUrl), { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: typeof body === 'string' ? body : new Uint8Array(body) });

  it('adds notes with an id made by the client; a retry stores the note once', async () => {
    const { id } = await log();
    const note = { id: randomUUID(), text: 'Équipe cynophile en route' };
    const first = await api.post<Incident>(`/api/v1/incidents/${id}/notes`, note, operations);
    expect(first.status).toBe(201);
    expect(first.body.history.at(-1)).toMatchObject({ by: 'operations', status: 'open', kind: 'note', noteId: note.id, note: note.text });
    const retry = await api.post<Incident>(`/api/v1/incidents/${id}/notes`, note, operations);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const reused = await api.post(`/api/v1/incidents/${id}/notes`, { ...note, text: 'autre chose' }, operations);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('conflict');
  });

  it('refuses notes that are empty, from managers, or on unknown incidents', async () => {
    const { id } = await log();
    const empty = await api.post(`/api/v1/incidents/${id}/notes`, { id: randomUUID(), text: '  ' }, operations);
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe('text');
    expect((await api.post(`/api/v1/incidents/${id}/notes`, { id: randomUUID(), text: 'x' }, manager)).status).toBe(403);
    expect((await api.post(`/api/v1/incidents/${randomUUID()}/notes`, { id: randomUUID(), text: 'x' }, operations)).status).toBe(404);
  });

  it('assigns and reassigns, each step in the history; "my incidents" is a filter', async () => {
    const { id } = await log();
    const assigned = await api.post<Incident>(`/api/v1/incidents/${id}/assignment`, { assignee: 'security' }, operations);
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignee).toBe('security');
    const retry = await api.post<Incident>(`/api/v1/incidents/${id}/assignment`, { assignee: 'security' }, operations);
    expect(retry.body).toEqual(assigned.body);
    const reassigned = await api.post<Incident>(`/api/v1/incidents/${id}/assignment`, { assignee: 'admin' }, operations);
    expect(reassigned.body.history.filter((step) => step.kind === 'assigned').map((step) => step.assignee)).toEqual(['security', 'admin']);
    const mine = await api.get<{ incidents: Incident[] }>('/api/v1/incidents?assignee=admin', manager);
    expect(mine.body.incidents.map((incident) => incident.id)).toContain(id);
    expect(mine.body.incidents.every((incident) => incident.assignee === 'admin')).toBe(true);

    const unknown = await api.post(`/api/v1/incidents/${id}/assignment`, { assignee: 'nobody' }, operations);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_reference');
    await api.patch(`/api/v1/incidents/${id}`, { status: 'resolved' }, operations);
    expect((await api.post(`/api/v1/incidents/${id}/assignment`, { assignee: 'security' }, operations)).status).toBe(409);
  });

  it('lists the staff to assign to', async () => {
    const answer = await api.get<{ staff: Array<{ username: string; role: string }> }>('/api/v1/staff', operations);
    expect(answer.status).toBe(200);
    expect(answer.body.staff.map((member) => member.username)).toEqual(expect.arrayContaining(['security', 'operations']));
  });

  it('filters the list by severity, type and zone', async () => {
    const fire = await log({ type: 'fire', severity: 'high', zone: 'stage' });
    const list = async (query: string) => (await api.get<{ incidents: Incident[] }>(`/api/v1/incidents?${query}`, manager)).body.incidents;
    expect((await list('type=fire&zone=stage')).map((incident) => incident.id)).toContain(fire.id);
    expect((await list('severity=low')).map((incident) => incident.id)).not.toContain(fire.id);
    const bad = await api.get('/api/v1/incidents?severity=apocalyptic', manager);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('severity');
  });

  it('stores a photo with the incident and serves it back; the same photo again changes nothing', async () => {
    const { id } = await log();
    const image = await realJpeg(200);
    const stored = await putPhoto(id, image);
    expect(stored.status).toBe(200);
    const incident = (await stored.json()) as Incident;
    expect(incident.photo).toMatchObject({ type: 'image/jpeg', by: 'security' });
    expect(incident.history.at(-1)?.kind).toBe('photo');
    const again = (await (await putPhoto(id, image)).json()) as Incident;
    expect(again.history).toHaveLength(incident.history.length);

    const fetched = await fetch(new URL(`/api/v1/incidents/${id}/photo`, api.baseUrl), { headers: { authorization: `Bearer ${manager}` } });
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('image/jpeg');
    // Served as stored: the image decoded and encoded anew, the same picture.
    const served = Buffer.from(await fetched.arrayBuffer());
    expect(served.length).toBe(incident.photo!.bytes);
    expect(createHash('sha256').update(served).digest('hex')).toBe(incident.photo!.sha256);
    expect(await sharp(served).metadata()).toMatchObject({ format: 'jpeg', width: (await sharp(image).metadata()).width });
    // Audited once (issue 14: photos were missing from the audit log), with what was stored.
    const admin = await api.login('admin', password);
    await expect
      .poll(async () => ((await api.get('/api/v1/audit?limit=100', admin)).body.entries as Array<Record<string, unknown>>).filter((entry) => entry.incident === id && entry.action === 'incident-photo'))
      .toEqual([expect.objectContaining({ by: 'security', sha256: incident.photo!.sha256, bytes: incident.photo!.bytes })]);
  });

  it('keeps only the pixels of a JPEG/HTML polyglot, and refuses bytes that only look like a JPEG at their ends', async () => {
    const { id } = await log();
    const stored = await putPhoto(id, polyglot(await realJpeg(20)));
    expect(stored.status).toBe(200);
    const fetched = await fetch(new URL(`/api/v1/incidents/${id}/photo`, api.baseUrl), { headers: { authorization: `Bearer ${manager}` } });
    const served = Buffer.from(await fetched.arrayBuffer());
    expect(served.includes('<script')).toBe(false);
    expect(served.includes('<html')).toBe(false);
    expect((await sharp(served).metadata()).format).toBe('jpeg');
    expect(fetched.headers.get('content-security-policy')).toContain('sandbox');

    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html><script>alert(1)</script></html>'), Buffer.from([0xff, 0xd9])]);
    const refused = await putPhoto(id, fake);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error.message).toMatch(/does not decode as a JPEG/);
    expect((await putPhoto(id, jpeg(4096))).status).toBe(400);
  });

  it('refuses photos that are too large (413) or not images (400), with the contract error shape', async () => {
    const { id } = await log();
    const large = await putPhoto(id, jpeg(MAX_PHOTO_BYTES + 1));
    expect(large.status).toBe(413);
    expect(((await large.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    for (const [body, type] of [
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'image/jpeg'],
      [jpeg(4096).subarray(0, 2048), 'image/jpeg'],
      [jpeg(4096), 'image/png'],
      ['not even close', 'text/plain'],
      [new Uint8Array(), 'image/jpeg'],
    ] as const) {
      const answer = await putPhoto(id, body, type);
      expect(answer.status, `${type} ${String(body).slice(0, 20)}`).toBe(400);
      const error = (await answer.json()) as { error: { code: string; message: string } };
      expect(error.error.code).toBe('invalid_request');
      expect(error.error.message).toBeTruthy();
    }
    expect((await putPhoto(randomUUID(), jpeg(100))).status).toBe(404);
    expect((await putPhoto(id, jpeg(100), 'image/jpeg', manager)).status).toBe(403);
    const list = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', manager)).body.incidents;
    expect(list.find((incident) => incident.id === id)?.photo).toBeUndefined();
  });

  // Escalation (time-driven): server/test/in-process/incident-escalation.test.ts, with an injected clock.
});
