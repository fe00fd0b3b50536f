import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { io } from 'socket.io-client';
import type { Delta } from '@fairwatch/protocol';
import { FiguresFeed } from '../../src/live/figures-feed.ts';
import { AlertWatch } from '../../src/live/alert-watch.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { StoreUnavailableError } from '../../src/store/store.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { uniqueId } from '../support/api-client.ts';
import { until } from '../support/dashboard-client.ts';
import { DEVICE_KEY, PASSWORD, startInProcessApp, type InProcessApp } from '../support/in-process-app.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const logger = pino({ level: 'silent' });
const START = Date.parse('2022-10-15T14:00:00.000Z');

function feedOn(store: EmbeddedStore, clock: ManualClock) {
  const deltas: Delta[] = [];
  const events: string[] = [];
  const feed = new FiguresFeed(store, tinyVenue, { delta: (delta) => deltas.push(delta), paused: () => events.push('paused'), resumed: () => events.push('resumed') }, logger, {
    gateOfflineMs: 120_000, fullRefreshMs: 5_000, now: clock.now,
  });
  return { feed, deltas, events };
}

const context = (clock: ManualClock) => ({ nowMs: clock.ms, nowIso: clock.now().toISOString(), today: venueDay(clock.ms, tinyVenue.timezone) });
const intoHall = (clock: ManualClock, persons: number) => ({
  id: uniqueId(), gate: 'door', line: { from: null, to: 'hall' }, in: persons, out: 0, at: clock.now().toISOString(), atMs: clock.ms, day: venueDay(clock.ms, tinyVenue.timezone),
});

describe('FiguresFeed', () => {
  it('numbers deltas one by one, one per tick with a change, none without', async () => {
    const clock = new ManualClock(START);
    const store = new EmbeddedStore();
    const { feed, deltas } = feedOn(store, clock);
    await feed.tick();
    expect(feed.latest()?.seq).toBe(1);
    await feed.tick();
    expect(deltas).toEqual([]);
    await store.ingestCounts([intoHall(clock, 7)], context(clock));
    feed.markDirty();
    clock.advance(250);
    await feed.tick();
    expect(deltas.map((delta) => [delta.seq, delta.totals?.inside])).toEqual([[2, 7]]);
    await feed.tick();
    expect(deltas).toHaveLength(1);
  });

  it('publishes figures that change with time alone (a gate going offline) without a write', async () => {
    const clock = new ManualClock(START);
    const store = new EmbeddedStore();
    const { feed, deltas } = feedOn(store, clock);
    await store.ingestCounts([intoHall(clock, 1)], context(clock));
    await feed.tick();
    clock.advance(120_001);
    await feed.tick();
    expect(deltas.at(-1)?.gates?.door).toMatchObject({ online: false });
  });

  it('pauses while the store cannot be read, serving the last figures marked stale, and resumes', async () => {
    const clock = new ManualClock(START);
    const store = new EmbeddedStore();
    const { feed, events } = feedOn(store, clock);
    await feed.tick();
    const readFloor = store.readFloor.bind(store);
    store.readFloor = async () => {
      throw new StoreUnavailableError();
    };
    feed.markDirty();
    await feed.tick();
    await feed.tick();
    expect(events).toEqual(['paused']);
    expect(feed.paused).toEqual(clock.now());
    expect((await feed.current()).stale).toBe(true);
    store.readFloor = readFloor;
    clock.advance(1_000);
    await feed.tick();
    expect(events).toEqual(['paused', 'resumed']);
    expect(feed.paused).toBeNull();
  });
});

describe('delta pacing in the app', () => {
  let running: InProcessApp | undefined;
  afterEach(() => running?.close());

  it('sends a change at once when the last delta is older than TICK_MS, and holds the next one for the tick', async () => {
    running = await startInProcessApp({ tickMs: 60_000 });
    const token = await running.api.login('operations', PASSWORD);
    const socket = io(running.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    const deltas: Delta[] = [];
    socket.on('delta', (delta) => deltas.push(delta));
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    try {
      const post = (persons: number) => running!.api.post('/api/v1/counts', { id: uniqueId(), gate: 'door', in: persons, out: 0, at: running!.clock.now().toISOString() }, DEVICE_KEY);
      running.clock.advance(60_000);
      await post(4);
      // No tick runs during this test (TICK_MS is a minute): the delta came from the write itself.
      await until(() => deltas.some((delta) => delta.totals?.inside === 4), 2_000, 'the first delta');
      const count = deltas.length;
      await post(1);
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(deltas).toHaveLength(count);
    } finally {
      socket.close();
    }
  });
});

describe('AlertWatch', () => {
  it('raises one threshold alert per zone and condition however many passes see it, and clears it below the band', async () => {
    const clock = new ManualClock(START);
    const store = new EmbeddedStore();
    const { feed } = feedOn(store, clock);
    const watch = new AlertWatch(store, tinyVenue, () => feed.latest(), logger, clock.now);
    // The hall is 100 m², crowded at 2 persons per m².
    await store.ingestCounts([intoHall(clock, 250)], context(clock));
    await feed.tick();
    await watch.check();
    clock.advance(1_000);
    await watch.check();
    const raised = (await store.listAlerts()).filter((alert) => alert.zone === 'hall' && alert.clearedAt === null);
    expect(raised).toHaveLength(1);
    await store.recountZone('hall', 0, { ...context(clock), by: 'test' });
    feed.markDirty();
    await feed.tick();
    await watch.check();
    expect((await store.listAlerts()).filter((alert) => alert.zone === 'hall' && alert.clearedAt === null)).toEqual([]);
  });
});
