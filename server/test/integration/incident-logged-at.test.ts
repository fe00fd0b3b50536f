import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DailyReport, Incident, VenueClock } from '@fairwatch/protocol';
import { venueDay } from '@fairwatch/venue/venue-time';
import { ApiClient } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

/**
 * Issue 15: the time the phone logged an incident (`loggedAt`) is kept and counts for history and
 * response times; a resolved incident can be reopened by operations and admin (audited); the venue's
 * clock is served for the dashboard to format with.
 */
describe.each(storeModes)('loggedAt, reopening and the venue clock ($name store)', (mode) => {
  let api: ApiClient;
  let stop: () => Promise<void>;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    const started = await mode.start();
    stop = started.stop;
    api = new ApiClient(started.server.url);
    for (const role of ['security', 'operations', 'admin', 'manager'] as const) tokens[role] = await api.login(role, started.server.password);
  });
  afterAll(() => stop?.());

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const report = (loggedAt?: string) => ({ id: randomUUID(), type: 'medical', severity: 'critical', description: 'Malaise, logged in the basement', ...(loggedAt && { loggedAt }) });
  const incident = async (id: string) => (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', tokens.operations)).body.incidents.find((i) => i.id === id);

  it('keeps the logged time of an incident sent late and counts its waiting from there', async () => {
    const loggedAt = minutesAgo(20);
    const body = report(loggedAt);
    const created = await api.post<Incident>('/api/v1/incidents', body, tokens.security);
    expect(created.status).toBe(201);
    expect(created.body.loggedAt).toBe(loggedAt);
    expect(Date.parse(created.body.createdAt) - Date.parse(loggedAt)).toBeGreaterThanOrEqual(20 * 60_000 - 1000);
    expect(created.body.history[0]).toMatchObject({ at: loggedAt, status: 'open' });
    expect(created.body.loggedAtOld).toBeUndefined();
    // A retry from the outbox, identical, is the same incident.
    const retry = await api.post<Incident>('/api/v1/incidents', body, tokens.security);
    expect(retry.status).toBe(200);
    expect(retry.body.createdAt).toBe(created.body.createdAt);

    expect((await api.patch(`/api/v1/incidents/${body.id}`, { status: 'acknowledged' }, tokens.operations)).status).toBe(200);
    // The report of the venue day the incident was logged on (20 minutes ago may be yesterday just after midnight).
    const { timezone } = (await api.get<VenueClock>('/api/v1/clock', tokens.manager)).body;
    const day = venueDay(new Date(loggedAt), timezone);
    const daily = (await api.get<DailyReport>(`/api/v1/reports/daily/${day}`, tokens.manager)).body;
    const entry = daily.incidentLog.find((e) => e.id === body.id)!;
    expect(entry.loggedAt).toBe(loggedAt);
    expect(entry.toAcknowledgeMs).toBeGreaterThanOrEqual(20 * 60_000 - 1000);
    expect(entry.toAcknowledgeMs).toBeLessThan(21 * 60_000);

    const csv = (await api.request('GET', `/api/v1/reports/daily/${day}?format=csv&lang=fr&table=incident-log`, { token: tokens.manager })).body as string;
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Signalé;Type;Gravité;Statut;Lieu;Signalé par;Confié à;Délai de prise en charge (h:mm:ss);Délai de résolution (h:mm:ss);Description;Identifiant');
    const row = lines.find((line) => line.endsWith(`;${body.id}`))!.split(';');
    expect(row.slice(1, 4)).toEqual(['Médical', 'Critique', 'Pris en charge']);
    expect(row[7]).toMatch(/^0:20:\d\d$/);
  });

  it('refuses a logged time more than 5 minutes ahead (422 clock_skew, nothing stored) and flags one over 24 h old', async () => {
    const ahead = report(new Date(Date.now() + 6 * 60_000).toISOString());
    const refused = await api.post('/api/v1/incidents', ahead, tokens.security);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('clock_skew');
    expect(refused.body.error.details[0].path).toBe('loggedAt');
    expect(await incident(ahead.id)).toBeUndefined();

    // A little ahead (a phone clock 2 minutes fast) is taken; its history never starts after its arrival.
    const slightly = report(new Date(Date.now() + 2 * 60_000).toISOString());
    const taken = await api.post<Incident>('/api/v1/incidents', slightly, tokens.security);
    expect(taken.status).toBe(201);
    expect(taken.body.history[0]!.at).toBe(taken.body.createdAt);

    const old = await api.post<Incident>('/api/v1/incidents', report(minutesAgo(25 * 60)), tokens.security);
    expect(old.status).toBe(201);
    expect(old.body.loggedAtOld).toBe(true);

    const bad = await api.post('/api/v1/incidents', { ...report(), loggedAt: 'yesterday' }, tokens.security);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('loggedAt');
  });

  it('lets operations and admin reopen a resolved incident, audited; PATCH still never leaves "resolved"', async () => {
    const body = report();
    expect((await api.post('/api/v1/incidents', body, tokens.security)).status).toBe(201);
    const open = await api.post(`/api/v1/incidents/${body.id}/reopen`, {}, tokens.operations);
    expect(open.status).toBe(409);
    expect((await api.patch(`/api/v1/incidents/${body.id}`, { status: 'resolved', note: 'Pris en charge par la Croix-Rouge' }, tokens.security)).status).toBe(200);
    expect((await api.patch(`/api/v1/incidents/${body.id}`, { status: 'acknowledged' }, tokens.operations)).status).toBe(409);

    expect((await api.post(`/api/v1/incidents/${body.id}/reopen`, {}, tokens.security)).status).toBe(403);
    expect((await api.post(`/api/v1/incidents/${body.id}/reopen`, {}, tokens.manager)).status).toBe(403);
    expect((await api.post(`/api/v1/incidents/${body.id}/reopen`, { note: 42 }, tokens.operations)).status).toBe(400);
    expect((await api.post(`/api/v1/incidents/${randomUUID()}/reopen`, {}, tokens.operations)).status).toBe(404);

    const reopened = await api.post<Incident>(`/api/v1/incidents/${body.id}/reopen`, { note: 'Le visiteur a fait un nouveau malaise' }, tokens.operations);
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('open');
    expect(reopened.body.history.at(-1)).toMatchObject({ status: 'open', kind: 'reopened', by: 'operations', note: 'Le visiteur a fait un nouveau malaise' });
    // A retry changes nothing.
    const again = await api.post<Incident>(`/api/v1/incidents/${body.id}/reopen`, { note: 'Le visiteur a fait un nouveau malaise' }, tokens.operations);
    expect(again.status).toBe(200);
    expect(again.body.history).toHaveLength(reopened.body.history.length);
    // Reopened, it is no longer resolved, and can go through the workflow again.
    expect((await api.patch(`/api/v1/incidents/${body.id}`, { status: 'acknowledged' }, tokens.admin)).status).toBe(200);

    const audit = (await api.get<{ entries: Array<{ action: string; incident?: string; by: string }> }>('/api/v1/audit?limit=50', tokens.admin)).body.entries;
    expect(audit.filter((entry) => entry.action === 'incident-reopened' && entry.incident === body.id)).toEqual([expect.objectContaining({ by: 'operations' })]);
  });

  it('serves the venue clock: its time zone and the UTC offsets the server resolves', async () => {
    expect((await api.get('/api/v1/clock')).status).toBe(401);
    const clock = (await api.get<VenueClock>('/api/v1/clock', tokens.security)).body;
    expect(clock.timezone).toBe('Africa/Casablanca');
    const now = Date.now();
    const current = clock.offsets.filter((stretch) => Date.parse(stretch.from) <= now).at(-1)!;
    const wall = new Intl.DateTimeFormat('en-US', { timeZone: clock.timezone, hour: 'numeric', hourCycle: 'h23' }).format(now);
    expect((new Date(now).getUTCHours() + current.offsetMinutes / 60 + 24) % 24).toBe(Number(wall));
    expect(Date.parse(clock.offsets[0]!.from)).toBeLessThan(now - 30 * 86_400_000);
  });
});
