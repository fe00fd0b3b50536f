/**
 * For the screenshots of the manager view and the phone: yesterday's entries, exits and stand scans
 * (late reports count on the day and hour of their `at`), so that today compares with a day of the
 * fair, and a guard's own reports written in French.
 */
import { randomUUID } from 'node:crypto';
import type { Incident } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../../../server/test/support/api-client.ts';
import type { ServerProcess } from '../../../server/test/support/server-process.ts';

/** Entries per opening hour (10:00 to 20:00) of a fair day: a lunch dip, the evening rush. */
const ENTRIES = [420, 760, 640, 510, 700, 1040, 1380, 1450, 1100, 760, 480];

export async function seedYesterday(server: ServerProcess): Promise<void> {
  const api = new ApiClient(server.url);
  const venue = (await api.get<Venue>('/api/v1/venue', await api.login('operations', server.password))).body;
  const hourNow = Number(new Intl.DateTimeFormat('en-GB', { timeZone: venue.timezone, hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  /** Yesterday at `hour`:20, venue time. */
  const at = (hour: number) => new Date(Date.now() - 24 * 3_600_000 - (hourNow - hour) * 3_600_000).toISOString().replace(/:\d\d:\d\d\.\d+Z$/, ':20:00.000Z');
  const total = ENTRIES.reduce((sum, n) => sum + n, 0);
  let left = total;
  const counts = ENTRIES.map((entries, index) => {
    // Exits follow an hour behind, and the last hour empties the floor.
    const out = index === ENTRIES.length - 1 ? left : Math.round((ENTRIES[index - 1] ?? 0) * 0.9);
    left -= out;
    return { id: uniqueId('past'), gate: 'main-gate', in: entries, out, at: at(10 + index) };
  });
  if ((await api.post('/api/v1/counts', counts, server.deviceKey)).status !== 202) throw new Error('yesterday’s counts refused');
  const scans = ENTRIES.flatMap((entries, index) =>
    venue.stands.slice(0, 30).flatMap((stand, s) => Array.from({ length: Math.round((entries / 400) * (1 + (s % 5))) }, (_, n) => ({ id: uniqueId('past-scan'), stand: stand.id, badge: `Y-${index}-${s}-${n}`, at: at(10 + index) }))),
  );
  for (let i = 0; i < scans.length; i += 500) {
    if ((await api.post('/api/v1/checkins', scans.slice(i, i + 500), server.deviceKey)).status !== 202) throw new Error('yesterday’s check-ins refused');
  }
}

/** Two open reports of the guard, in French, as a guard would type them. */
export async function seedFieldReports(server: ServerProcess): Promise<Incident[]> {
  const api = new ApiClient(server.url);
  const security = await api.login('security', server.password);
  const reports = [
    { type: 'lost_person', severity: 'high', description: 'Enfant de 6 ans, t-shirt rouge, cherche sa mère', zone: 'caftan-stage' },
    { type: 'crowding', severity: 'medium', description: 'Bousculade à l’entrée de la scène, file à canaliser', zone: 'entrance-plaza' },
  ];
  const made: Incident[] = [];
  for (const report of reports) made.push((await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), ...report }, security)).body);
  return made;
}
