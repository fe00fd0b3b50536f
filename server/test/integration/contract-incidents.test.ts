import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiClient } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

describe.each(storeModes)('incidents in $name mode', (mode) => {
  let api: ApiClient;
  let security: string;
  let operations: string;
  let manager: string;
  let venue: Venue;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await mode.start();
    stop = started.stop;
    api = new ApiClient(started.server.url);
    const password = started.server.password;
    [security, operations, manager] = await Promise.all([api.login('security', password), api.login('operations', password), api.login('manager', password)]);
    venue = (await api.get<Venue>('/api/v1/venue', security)).body;
  });
  afterAll(() => stop?.());

  const report = () => ({
    id: randomUUID(),
    type: 'medical',
    severity: 'high',
    description: 'Visiteur malade près du stand',
    zone: venue.zones[0]!.id,
    stand: venue.stands[0]!.id,
    position: [10, 12] as [number, number],
  });
  const counts = async () => (await api.get<Snapshot>('/api/v1/stats', operations)).body.incidents;

  it('logs an incident as open, with who and when', async () => {
    const before = await counts();
    const body = report();
    const answer = await api.post<Incident>('/api/v1/incidents', body, security);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ ...body, status: 'open', reportedBy: 'security' });
    expect(answer.body.history).toEqual([{ at: answer.body.createdAt, by: 'security', status: 'open' }]);
    expect(answer.body.updatedAt).toBe(answer.body.createdAt);
    expect((await counts()).open).toBe(before.open + 1);
  });

  it('answers a retry with the same body 200 and the same incident, and another body 409', async () => {
    const body = report();
    const first = await api.post<Incident>('/api/v1/incidents', body, security);
    const retry = await api.post<Incident>('/api/v1/incidents', body, security);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const other = await api.post('/api/v1/incidents', { ...body, severity: 'low' }, security);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    const list = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', manager)).body.incidents;
    expect(list.filter((incident) => incident.id === body.id)).toHaveLength(1);
  });

  it('follows open → acknowledged → resolved, with every step in the history', async () => {
    const { id } = (await api.post<Incident>('/api/v1/incidents', report(), security)).body;
    const acknowledged = await api.patch<Incident>(`/api/v1/incidents/${id}`, { status: 'acknowledged', assignee: 'security' }, operations);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', assignee: 'security' });
    const retry = await api.patch<Incident>(`/api/v1/incidents/${id}`, { status: 'acknowledged' }, operations);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(acknowledged.body);
    const resolved = await api.patch<Incident>(`/api/v1/incidents/${id}`, { status: 'resolved', note: 'Pris en charge' }, security);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.history.map((step) => [step.status, step.by, step.note])).toEqual([
      ['open', 'security', undefined],
      ['acknowledged', 'operations', undefined],
      ['resolved', 'security', 'Pris en charge'],
    ]);
    const back = await api.patch(`/api/v1/incidents/${id}`, { status: 'acknowledged' }, operations);
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('conflict');
    const resolvedList = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents?status=resolved', manager)).body.incidents;
    expect(resolvedList.map((incident) => incident.id)).toContain(id);
    expect(resolvedList.every((incident) => incident.status === 'resolved')).toBe(true);
  });

  it('allows open → resolved directly and counts it as resolved today', async () => {
    const before = await counts();
    const { id } = (await api.post<Incident>('/api/v1/incidents', report(), security)).body;
    const answer = await api.patch<Incident>(`/api/v1/incidents/${id}`, { status: 'resolved' }, security);
    expect(answer.status).toBe(200);
    const after = await counts();
    expect(after.resolvedToday).toBe(before.resolvedToday + 1);
    expect(after.open).toBe(before.open);
  });

  it('lists incidents newest first', async () => {
    const first = (await api.post<Incident>('/api/v1/incidents', report(), security)).body;
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = (await api.post<Incident>('/api/v1/incidents', report(), security)).body;
    const ids = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', manager)).body.incidents.map((incident) => incident.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
  });

  it('refuses what the contract refuses', async () => {
    expect((await api.post('/api/v1/incidents', report(), manager)).status).toBe(403);
    expect((await api.post('/api/v1/incidents', report())).status).toBe(401);
    const unknownZone = await api.post('/api/v1/incidents', { ...report(), zone: 'atlantis' }, security);
    expect(unknownZone.status).toBe(422);
    expect(unknownZone.body.error).toMatchObject({ code: 'unknown_reference', details: [{ path: 'zone' }] });
    const bad = await api.post('/api/v1/incidents', { ...report(), id: 'not-a-uuid', type: 'alien', description: '' }, security);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['description', 'id', 'type']);
    expect((await api.patch(`/api/v1/incidents/${randomUUID()}`, { status: 'resolved' }, security)).status).toBe(404);
    const wrongStatus = await api.patch(`/api/v1/incidents/${randomUUID()}`, { status: 'open' }, security);
    expect(wrongStatus.status).toBe(400);
    expect((await api.get('/api/v1/incidents?status=lost', manager)).status).toBe(400);
  });
});

describe.each(storeModes)('sign-in and access in $name mode', (mode) => {
  let api: ApiClient;
  let password: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await mode.start();
    stop = started.stop;
    api = new ApiClient(started.server.url);
    password = started.server.password;
  });
  afterAll(() => stop?.());

  it('signs in each demo role and refuses a wrong password', async () => {
    for (const role of ['operations', 'security', 'manager', 'admin']) {
      const answer = await api.post('/api/v1/login', { username: role, password });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ role, token: expect.any(String) });
      expect(Date.parse(answer.body.expiresAt)).toBeGreaterThan(Date.now());
    }
    const wrong = await api.post('/api/v1/login', { username: 'admin', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('unauthorized');
    expect((await api.post('/api/v1/login', { username: 'root', password })).status).toBe(401);
    expect((await api.post('/api/v1/login', { username: 'admin' })).status).toBe(400);
  });

  it('serves the venue and the stats only to staff', async () => {
    expect((await api.get('/api/v1/venue')).status).toBe(401);
    expect((await api.get('/api/v1/stats', 'made-up-token')).status).toBe(401);
    const token = await api.login('manager', password);
    const venue = await api.get<Venue>('/api/v1/venue', token);
    expect(venue.status).toBe(200);
    expect(venue.body.zones.length).toBeGreaterThan(0);
    const stats = await api.get<Snapshot>('/api/v1/stats', token);
    expect(Object.keys(stats.body.zones).sort()).toEqual(venue.body.zones.map((zone) => zone.id).sort());
    expect(Object.keys(stats.body.stands)).toHaveLength(venue.body.stands.length);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const answer = await api.get('/api/v1/nothing-here');
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('not_found');
  });
});
