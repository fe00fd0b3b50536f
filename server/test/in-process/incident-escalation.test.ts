import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { pino } from 'pino';
import type { Incident, ServerToClientEvents } from '@fairwatch/protocol';
import { IncidentEscalationWatch } from '../../src/live/incident-escalation-watch.ts';
import { PASSWORD, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const ESCALATION = { critical: 10, high: 30 };
let running: InProcessApp;
let security: string;
let operations: string;
let manager: string;
beforeAll(async () => {
  running = await startInProcessApp({ venue: { ...tinyVenue, escalation: ESCALATION } });
  [security, operations, manager] = await Promise.all([running.api.login('security', PASSWORD), running.api.login('operations', PASSWORD), running.api.login('manager', PASSWORD)]);
});
afterAll(() => running?.close());

const log = async (fields: Record<string, unknown>) => {
  const answer = await running.api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'security', severity: 'medium', description: 'Sac abandonné', zone: 'hall', ...fields }, security);
  expect(answer.status).toBe(201);
  return answer.body;
};

it('escalates an unacknowledged critical incident after the venue time, once, and tells every dashboard', async () => {
  const socket: Socket<ServerToClientEvents> = io(running.url, { auth: { token: manager }, transports: ['websocket'] });
  const escalated: Incident[] = [];
  socket.on('incident:escalated', (incident) => escalated.push(incident));
  await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
  try {
    const critical = await log({ severity: 'critical', type: 'fire' });
    const taken = await log({ severity: 'critical', type: 'medical' });
    await running.api.patch(`/api/v1/incidents/${taken.id}`, { status: 'acknowledged' }, operations);
    const high = await log({ severity: 'high' });
    const watch = new IncidentEscalationWatch(running.store, ESCALATION, pino({ level: 'silent' }), running.clock.now);
    // A millisecond before the venue's time: nothing; then the app's own watch escalates at its next pass.
    running.clock.advance(ESCALATION.critical * 60_000 - 1);
    expect(await watch.check()).toBe(0);
    running.clock.advance(1);
    await expect.poll(() => escalated.map((incident) => incident.id), { timeout: 5_000, interval: 20 }).toEqual([critical.id]);
    // Another pass (this instance's or another's) finds nothing left to escalate.
    expect(await watch.check()).toBe(0);
    const byId = new Map((await running.store.listIncidents()).map((incident) => [incident.id, incident]));
    expect(byId.get(critical.id)?.escalatedAt).toBeDefined();
    expect(byId.get(critical.id)?.history.filter((step) => step.kind === 'escalated')).toHaveLength(1);
    expect(byId.get(taken.id)?.escalatedAt).toBeUndefined();
    expect(byId.get(high.id)?.escalatedAt).toBeUndefined();
    expect(escalated).toHaveLength(1);
  } finally {
    socket.close();
  }
});
