import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { Incident, ServerToClientEvents } from '@fairwatch/protocol';
import { ApiClient } from '../support/api-client.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { storeModes } from '../support/modes.ts';

const MAX_NOTES = 200;
const MAX_HISTORY_BYTES = 256 * 1024;

async function logIncident(api: ApiClient, token: string): Promise<Incident> {
  const answer = await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'security', severity: 'low', description: 'Stand sans surveillance' }, token);
  expect(answer.status).toBe(201);
  return answer.body;
}

const note = (api: ApiClient, id: string, text: string, token: string) => api.post(`/api/v1/incidents/${id}/notes`, { id: randomUUID(), text }, token);

/** Adds `count` notes one after the other (an incident takes one change at a time). */
async function addNotes(api: ApiClient, id: string, count: number, text: string, token: string): Promise<void> {
  for (let i = 0; i < count; i++) {
    const answer = await note(api, id, `${i} ${text}`, token);
    if (answer.status !== 201) throw new Error(`note ${i} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

describe.each(storeModes)('bounded incidents in $name mode', (mode) => {
  let api: ApiClient;
  let token: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await mode.start({ RATE_LIMIT: 'off' });
    stop = started.stop;
    api = new ApiClient(started.server.url);
    token = await api.login('operations', started.server.password);
  });
  afterAll(() => stop?.());

  it(`refuses note ${MAX_NOTES + 1} of an incident with 409 naming the limit, and keeps the incident as it was`, async () => {
    const { id } = await logIncident(api, token);
    await addNotes(api, id, MAX_NOTES, 'ronde', token);
    const refused = await note(api, id, 'one too many', token);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('conflict');
    expect(refused.body.error.message).toContain(String(MAX_NOTES));
    expect(refused.body.error.message).toContain('MAX_INCIDENT_NOTES');
    const whole = await api.get<Incident>(`/api/v1/incidents/${id}`, token);
    expect(whole.status).toBe(200);
    expect(whole.body.history.filter((step) => step.kind === 'note')).toHaveLength(MAX_NOTES);
    // The incident can still be closed: a status change alone is never refused.
    expect((await api.patch(`/api/v1/incidents/${id}`, { status: 'resolved' }, token)).status).toBe(200);
  }, 120_000);

  it('refuses a note that would take the history past its byte limit with 413 naming the limit', async () => {
    const { id } = await logIncident(api, token);
    const long = 'x'.repeat(1990);
    let answer;
    let added = 0;
    for (;;) {
      answer = await note(api, id, long, token);
      if (answer.status !== 201) break;
      added++;
    }
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 'payload_too_large' });
    expect(answer.body.error.message).toContain(String(MAX_HISTORY_BYTES));
    // About 2 KB a note: the byte limit, not the note count, is what stopped it.
    expect(added).toBeLessThan(MAX_NOTES);
    expect(added).toBeGreaterThan(MAX_HISTORY_BYTES / 2300);
    const whole = await api.get<Incident>(`/api/v1/incidents/${id}`, token);
    expect(Buffer.byteLength(JSON.stringify(whole.body.history))).toBeLessThanOrEqual(MAX_HISTORY_BYTES);
  }, 120_000);

  it('lists incidents with their newest notes only, saying how many were left out; GET /incidents/:id has them all', async () => {
    const socket: Socket<ServerToClientEvents> = io(api.baseUrl, { auth: { token }, transports: ['websocket'] });
    const heard: Incident[] = [];
    socket.on('incident', (incident) => heard.push(incident));
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const { id } = await logIncident(api, token);
    await addNotes(api, id, 30, 'passage', token);
    // Sockets get the list view too: the newest 20 notes, not the whole incident at every step.
    await expect.poll(() => heard.filter((incident) => incident.id === id).length).toBe(31);
    expect(heard.at(-1)).toMatchObject({ id, historyOmitted: 10 });
    expect(heard.at(-1)!.history).toHaveLength(21);
    socket.close();
    const list = await api.get<{ incidents: Incident[] }>('/api/v1/incidents', token);
    const listed = list.body.incidents.find((incident) => incident.id === id)!;
    expect(listed.historyOmitted).toBe(10);
    expect(listed.history[0]).toMatchObject({ status: 'open' });
    expect(listed.history.filter((step) => step.kind === 'note').map((step) => step.note)).toEqual(Array.from({ length: 20 }, (_, i) => `${i + 10} passage`));
    const whole = await api.get<Incident>(`/api/v1/incidents/${id}`, token);
    expect(whole.body.history).toHaveLength(31);
    expect(whole.body).not.toHaveProperty('historyOmitted');
    expect((await api.get('/api/v1/incidents?limit=1', token)).body.incidents).toHaveLength(1);
    expect((await api.get('/api/v1/incidents?limit=0', token)).status).toBe(400);
  });
});

describe.skipIf(!redisAvailable())('Redis memory for incident notes', () => {
  let redis: TestRedis;
  let server: ServerProcess;
  let api: ApiClient;
  let token: string;

  beforeAll(async () => {
    redis = await TestRedis.start();
    server = await startServer({ env: { REDIS_URL: redis.url, RATE_LIMIT: 'off' } });
    api = new ApiClient(server.url);
    token = await api.login('operations', server.password);
  });
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });

  it('grows linearly: 1,000 notes of 500 characters cost under 3 KB each in Redis, the second 500 no more than the first', async () => {
    const client = createClient({ url: redis.url });
    await client.connect();
    const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await client.info('memory'))![1]);
    try {
      // Five incidents of 200 notes each (the most one keeps): 1,000 notes.
      const incidents = await Promise.all(Array.from({ length: 5 }, () => logIncident(api, token)));
      const text = 'Ronde effectuée, rien à signaler. '.repeat(15).slice(0, 500);
      const before = await usedMemory();
      await Promise.all(incidents.map(({ id }) => addNotes(api, id, 100, text, token)));
      const half = await usedMemory();
      await Promise.all(incidents.map(({ id }) => addNotes(api, id, 100, text, token)));
      const after = await usedMemory();
      const perNote = (after - before) / 1000;
      console.info(`Redis: ${Math.round(perNote)} bytes per 500-character note (first 500: ${half - before} B, second 500: ${after - half} B)`);
      // The whole incident logged per step would cost ~60 KB a note here (the history again each time).
      expect(perNote).toBeLessThan(3 * 1024);
      expect(after - half).toBeLessThan(1.5 * (half - before) + 256 * 1024);
    } finally {
      await client.quit();
    }
    // 1,000 requests: seconds alone, longer on a busy machine.
  }, 180_000);
});
