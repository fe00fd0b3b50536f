import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniqueId } from '../support/api-client.ts';
import { storeModes } from '../support/modes.ts';

describe.each(storeModes)('reports for managers ($name store)', (mode) => {
  let stop: () => Promise<void>;
  let api: ApiClient;
  let device: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    // The reports are of the 2022 fair: the bound on a report's age (MAX_REPORT_AGE_S, at most IDEMPOTENCY_TTL_S) is lifted to ten years.
    const tenYears = String(10 * 365 * 24 * 3600);
    const started = await mode.start({ IDEMPOTENCY_TTL_S: tenYears, MAX_REPORT_AGE_S: tenYears });
    stop = started.stop;
    api = new ApiClient(started.server.url);
    device = started.server.deviceKey;
    for (const role of ['manager', 'admin', 'operations', 'security'] as const) tokens[role] = await api.login(role, started.server.password);
    // 13:10 and 13:40 in Fes on 15 October (UTC+1), then 00:30 on the 16th: 23:30 UTC still belongs to the next venue day.
    const counts = [
      { id: uniqueId(), gate: 'main-gate', in: 40, out: 0, at: '2022-10-15T12:10:00Z' },
      { id: uniqueId(), gate: 'main-gate', in: 2, out: 15, at: '2022-10-15T12:40:00Z' },
      { id: uniqueId(), gate: 'main-gate', in: 3, out: 0, at: '2022-10-15T23:30:00Z' },
    ];
    expect((await api.post('/api/v1/counts', counts, device)).status).toBe(202);
    const checkins = [
      { id: uniqueId(), stand: 'P-001', badge: 'V-1', at: '2022-10-15T12:15:00Z' },
      { id: uniqueId(), stand: 'P-001', badge: 'V-2', at: '2022-10-15T12:20:00Z' },
      { id: uniqueId(), stand: 'P-001', badge: 'V-1', at: '2022-10-15T13:05:00Z' },
      { id: uniqueId(), stand: 'P-002', at: '2022-10-15T13:06:00Z' },
      { id: uniqueId(), stand: 'P-001', badge: 'V-3', at: '2022-10-16T09:00:00Z' },
    ];
    expect((await api.post('/api/v1/checkins', checkins, device)).status).toBe(202);
  });
  afterAll(() => stop?.());

  it('answers 401 without a token, 403 for other roles, and lets managers and admins in', async () => {
    expect((await api.get('/api/v1/reports/daily/2022-10-15')).status).toBe(401);
    for (const role of ['operations', 'security']) {
      const answer = await api.get('/api/v1/reports/daily/2022-10-15', tokens[role]);
      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('forbidden');
    }
    expect((await api.get('/api/v1/reports/daily/2022-10-15', tokens.admin)).status).toBe(200);
    expect((await api.get('/api/v1/reports/live', tokens.manager)).status).toBe(200);
  });

  it('refuses a bad day (400), an unknown stand (404) and an unknown format (400)', async () => {
    for (const day of ['2022-02-30', 'yesterday', '2022-10-15x']) {
      const answer = await api.get(`/api/v1/reports/daily/${day}`, tokens.manager);
      expect(answer.status).toBe(400);
      expect(answer.body.error.details[0].path).toBe('day');
    }
    expect((await api.get('/api/v1/reports/stands/NOPE', tokens.manager)).body.error.code).toBe('not_found');
    expect((await api.get('/api/v1/reports/daily/2022-10-15?format=pdf', tokens.manager)).status).toBe(400);
  });

  it('reports a day in the venue time zone, the report of 23:30 UTC counting on the next day', async () => {
    const day = (await api.get('/api/v1/reports/daily/2022-10-15', tokens.manager)).body;
    expect(day.totals).toMatchObject({ entries: 42, exits: 15, checkins: 4, uniqueVisitors: 2 });
    expect(day.hours[13]).toMatchObject({ entries: 42, exits: 15, checkins: 2 });
    expect(day.hours[14].checkins).toBe(2);
    expect(day.topStands[0]).toEqual({ stand: 'P-001', zone: 'products-pole', checkins: 3 });
    expect(day.complete).toBe(true);
    const next = (await api.get('/api/v1/reports/daily/2022-10-16', tokens.manager)).body;
    expect(next.totals).toMatchObject({ entries: 3, checkins: 1 });
    expect(next.hours[0].entries).toBe(3);
    const days = (await api.get('/api/v1/reports/days', tokens.manager)).body;
    expect(days.days.map((d: { day: string }) => d.day)).toEqual(expect.arrayContaining(['2022-10-15', '2022-10-16']));
  });

  it('serves each table of the daily report as its own CSV, with a BOM, quoted fields and the chosen language', async () => {
    const csvOf = async (table: string, lang: string) => {
      const response = await fetch(new URL(`/api/v1/reports/daily/2022-10-15?format=csv&lang=${lang}&table=${table}`, api.baseUrl), { headers: { authorization: `Bearer ${tokens.manager}` } });
      expect(response.status).toBe(200);
      return response;
    };
    const response = await csvOf('summary', 'en');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toContain('fairwatch-daily-2022-10-15-summary-en.csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('Figure,Value');
    expect(lines[1]).toBe('Daily attendance report,"Regional Fair of the Social and Solidarity Economy, 3rd edition"');
    expect(lines).toContain('Entries,42');
    expect(lines).toContain('Exits,15');
    expect(lines).toContain('Unique visitors,2');
    expect(lines).toContain('Peak inside,27');
    expect(lines).toContain('Peak rebuilt from hourly flows (day reported late),yes');
    // One table per file: the summary holds no hourly rows.
    expect(lines.some((line) => line.startsWith('13:00'))).toBe(false);
    const hours = (await (await csvOf('hours', 'en')).text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(hours[0]).toBe('Hour,Entries,Exits,Stand check-ins,Peak inside');
    // Late reports of a past day add flows, not peaks (inside then describes now, not their time).
    expect(hours).toContain('13:00,42,15,2,');
    const stands = (await (await csvOf('stands', 'en')).text()).split('\r\n');
    expect(stands).toContain('1,Stand P-001 · Olive oil cooperative,Products pole,3');
    const poles = (await (await csvOf('poles', 'en')).text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(poles[0]).toBe('Pole,Peak occupancy,Safe capacity,Over capacity,Stand check-ins,Stands,Active stands');
    // French spreadsheets: semicolons, and the comma stays inside the venue's name unquoted.
    const french = (await (await csvOf('summary', 'fr')).text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(french[0]).toBe('Indicateur;Valeur');
    expect(french).toContain('Entrées;42');
    expect(french.find((line) => line.startsWith('Rapport de fréquentation du jour;'))).not.toMatch(/^[^;]*;"/);
    const arabic = await (await csvOf('summary', 'ar')).text();
    expect(arabic).toContain('الدخول;42');
    const unknown = await fetch(new URL('/api/v1/reports/daily/2022-10-15?format=csv&table=everything', api.baseUrl), { headers: { authorization: `Bearer ${tokens.manager}` } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.details[0].path).toBe('table');
  });

  it('serves the per-stand report: check-ins per hour per day, as JSON and CSV', async () => {
    const json = (await api.get('/api/v1/reports/stands/P-001', tokens.manager)).body;
    expect(json.total).toBe(4);
    const day = json.days.find((d: { day: string }) => d.day === '2022-10-15');
    expect(day.byHour[13]).toBe(2);
    expect(day.byHour[14]).toBe(1);
    const csv = (await api.request('GET', '/api/v1/reports/stands/P-001?format=csv&lang=fr', { token: tokens.manager })).body as string;
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    const header = lines.find((line) => line.startsWith('Jour;'))!.split(';');
    const row = lines.find((line) => line.startsWith('2022-10-15;'))!.split(';');
    expect(row[header.indexOf('13:00')]).toBe('2');
    expect(row[header.indexOf('14:00')]).toBe('1');
    expect(row.at(-1)).toBe('3');
    expect(lines.find((line) => line.startsWith('Total;'))!.split(';').at(-1)).toBe('4');
  });

  it('counts today\'s incidents by type and severity with their response times', async () => {
    const id = randomUUID();
    const created = await api.post('/api/v1/incidents', { id, type: 'medical', severity: 'high', description: 'malaise au stand P-001' }, tokens.security);
    expect(created.status).toBe(201);
    expect((await api.patch(`/api/v1/incidents/${id}`, { status: 'acknowledged' }, tokens.security)).status).toBe(200);
    const live = (await api.get('/api/v1/reports/live', tokens.manager)).body;
    const report = (await api.get(`/api/v1/reports/daily/${live.day}`, tokens.manager)).body;
    expect(report.incidents).toMatchObject({ total: 1, unresolved: 1, byType: { medical: 1 }, bySeverity: { high: 1 } });
    expect(report.incidents.medianAcknowledgeMs).toBeGreaterThanOrEqual(0);
    expect(report.incidents.medianResolveMs).toBeNull();
    expect(live.poles).toHaveLength(8);
    expect(live.comparisons.hourly.today).toHaveLength(24);
    expect(live.idleStands.length).toBeGreaterThan(100);
  });

  it('flags the zones that were over their safe capacity today, and not one the people only passed through at one instant (issue 15)', async () => {
    // Who is on the floor already (the late reports above moved people too): the peaks come on top.
    const before = (await api.get('/api/v1/reports/live', tokens.manager)).body;
    const now = (zone: string): number => before.poles.find((figure: { zone: string }) => figure.zone === zone).occupancy;
    const first = new Date(Date.now() - 2_000).toISOString();
    const then = new Date(Date.now() - 1_000).toISOString();
    const counts = [
      // 300 in the entrance plaza (safe capacity 288): over it.
      { id: uniqueId(), gate: 'main-gate', in: 300, out: 0, at: first },
      // One instant, two gates: 700 in by the second gate and the same 700 on to the Caftan stage (777).
      // The promenade (640) never held them; applied one report after the other it would have.
      { id: uniqueId(), gate: 'second-gate', in: 700, out: 0, at: then },
      { id: uniqueId(), gate: 'promenade-stage', in: 700, out: 0, at: then },
    ];
    expect((await api.post('/api/v1/counts', counts, device)).status).toBe(202);
    const live = (await api.get('/api/v1/reports/live', tokens.manager)).body;
    const report = (await api.get(`/api/v1/reports/daily/${live.day}`, tokens.manager)).body;
    const pole = (zone: string) => report.poles.find((figure: { zone: string }) => figure.zone === zone);
    expect(pole('entrance-plaza')).toMatchObject({ peakOccupancy: now('entrance-plaza') + 300, capacity: 288, overCapacity: true });
    expect(pole('central-promenade')).toMatchObject({ peakOccupancy: now('central-promenade'), capacity: 640, overCapacity: false });
    expect(pole('caftan-stage')).toMatchObject({ peakOccupancy: now('caftan-stage') + 700, capacity: 777, overCapacity: false });
    expect(report.poles.filter((figure: { overCapacity: boolean }) => figure.overCapacity).map((figure: { zone: string }) => figure.zone)).toEqual(['entrance-plaza']);
    expect(report.totals.peakInside).toBe(before.totals.inside + 1000);
    // The printed report's CSV says the same.
    const csv = (await api.request('GET', `/api/v1/reports/daily/${live.day}?format=csv&lang=en&table=poles`, { token: tokens.manager })).body as string;
    const rows = csv.replace(/^\uFEFF/, '').split('\r\n').map((line) => line.split(','));
    const over = rows[0]!.indexOf('Over capacity');
    expect(rows.filter((row) => row[over] === 'yes').map((row) => row[0])).toEqual(['Entrance plaza']);
  });
});
