/**
 * A busy control room, built only through the public API: people in every zone (one crowded, one busy),
 * stand check-ins, an alert raised and ended, incidents open, acknowledged and resolved, and (with the
 * venue from `venueWithShowSoon`) a programme pre-alert. Used by the browser tests that need a full
 * screen (accessibility, layout) and by the screenshot script.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, Incident } from '@fairwatch/protocol';
import { fesVenue, type Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../../../server/test/support/api-client.ts';
import type { ServerProcess } from '../../../server/test/support/server-process.ts';

/**
 * The bundled venue with its Caftan Show starting `minutes` from now (venue time): a pre-alert is due.
 * The show is the programme's only slot, so the floor is the same at any hour of the run (at 11:11 the
 * morning seminar would raise a pre-alert of its own).
 */
export function venueWithShowSoon(minutes = 12): string {
  const venue = structuredClone(fesVenue) as Venue;
  const start = new Date(Date.now() + minutes * 60_000);
  const hhmm = new Intl.DateTimeFormat('en-GB', { timeZone: venue.timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(start);
  venue.programme = (venue.programme ?? []).filter((slot) => slot.id === 'caftan-show').map((slot) => ({ ...slot, start: hhmm, days: undefined }));
  const file = join(tmpdir(), `fairwatch-venue-${process.pid}-${Date.now().toString(36)}.json`);
  writeFileSync(file, JSON.stringify(venue));
  return file;
}

/** People to put in each zone of the Fes venue: the stage crowded, the plaza busy, the rest normal. */
const PEOPLE: Record<string, number> = {
  'entrance-plaza': 220,
  'central-promenade': 310,
  'products-pole': 900,
  'international-pole': 190,
  'institutional-pole': 140,
  'caftan-stage': 1010,
  'seminar-space': 60,
  services: 24,
};

export interface SeededFloor {
  venue: Venue;
  incidents: Incident[];
}

export async function seedFloor(server: ServerProcess): Promise<SeededFloor> {
  const api = new ApiClient(server.url);
  const operations = await api.login('operations', server.password);
  const security = await api.login('security', server.password);
  const venue = (await api.get<Venue>('/api/v1/venue', operations)).body;

  const alerts = async () => (await api.get<{ alerts: Alert[] }>('/api/v1/alerts', operations)).body.alerts;

  // In through the main gate, onto the promenade, into each zone (the counting lines of the Fes floor),
  // in one batch: applied at once, so the plaza on the way never holds everyone (and never alarms).
  const total = Object.values(PEOPLE).reduce((sum, n) => sum + n, 0);
  const at = new Date().toISOString();
  const moves: [string, number][] = [['main-gate', total], ['plaza-promenade', total - PEOPLE['entrance-plaza']!]];
  for (const gate of venue.gates) {
    if (gate.from === 'central-promenade' && gate.to && PEOPLE[gate.to]) moves.push([gate.id, PEOPLE[gate.to]!]);
  }
  const answer = await api.post('/api/v1/counts', moves.map(([gate, people]) => ({ id: uniqueId('seed'), gate, in: people, out: 0, at })), server.deviceKey);
  if (answer.status !== 202) throw new Error(`counts refused: ${answer.status}`);
  // The seminar fills up, raises an alert, then empties: an ended alert for the history. One batch each
  // way, applied at once, so that the plaza and the promenade on the way never look crowded.
  const through = (people: number, out: number) => ['main-gate', 'plaza-promenade', 'promenade-seminar'].map((gate) => ({ id: uniqueId('seed'), gate, in: people, out, at: new Date().toISOString() }));
  const batch = async (reports: unknown[]) => {
    if ((await api.post('/api/v1/counts', reports, server.deviceKey)).status !== 202) throw new Error('counts refused');
  };
  await batch(through(520, 0));
  await until('the seminar alert', async () => (await alerts()).some((alert) => alert.zone === 'seminar-space' && alert.kind === 'threshold'));
  await batch(through(0, 520).reverse());
  await until('the seminar alert ended', async () => (await alerts()).some((alert) => alert.zone === 'seminar-space' && alert.clearedAt !== null));
  await until('the stage alert', async () => (await alerts()).some((alert) => alert.zone === 'caftan-stage' && alert.clearedAt === null));

  const checkins = venue.stands.slice(0, 40).flatMap((stand, i) => Array.from({ length: 1 + (i % 7) * 4 }, () => ({ id: uniqueId('scan'), stand: stand.id, at: new Date().toISOString() })));
  if ((await api.post('/api/v1/checkins', checkins, server.deviceKey)).status !== 202) throw new Error('check-ins refused');

  const report = async (body: Record<string, unknown>) => (await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), ...body }, security)).body;
  const products = venue.stands.find((stand) => stand.zone === 'products-pole')!;
  const incidents = [
    await report({ type: 'medical', severity: 'high', description: 'Visitor feeling faint in the queue for the stage', zone: 'caftan-stage' }),
    await report({ type: 'lost_person', severity: 'medium', description: 'Child (6, red jacket) separated from parents', stand: products.id }),
    await report({ type: 'technical', severity: 'low', description: 'Stand lighting off, cable unplugged', zone: 'international-pole' }),
    await report({ type: 'security', severity: 'medium', description: 'Bag left unattended near the seminar entrance', zone: 'seminar-space' }),
  ];
  await api.patch(`/api/v1/incidents/${incidents[1]!.id}`, { status: 'acknowledged' }, operations);
  await api.patch(`/api/v1/incidents/${incidents[2]!.id}`, { status: 'resolved', note: 'Cable plugged back' }, operations);
  await api.patch(`/api/v1/incidents/${incidents[3]!.id}`, { status: 'resolved', note: 'Owner found' }, operations);
  return { venue, incidents };
}

/** Polls (the server's alert watch runs every few hundred ms) until `check` holds, for at most 15 s. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`seeding the floor: ${what} did not come within 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
