import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';
import { alert, checkin, context, count, door, NOW } from '../../support/store-reports.ts';

/** The log every write appends to, for replay and the day’s charts, every store. */
describe.each(storeBackends())('the durable log (LogRepository), the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('logs accepted batches, recounts, incidents and alerts in order for replay', async () => {
    await store.ingestCounts([count(door, 10, 0, 'l1'), count(door, 10, 0, 'l1')], context());
    await store.ingestCheckins([checkin('S1', NOW - 1000)], context());
    await store.recountZone('hall', 8, { ...context(), by: 'admin' });
    await store.raiseAlert(alert('l-alert'), 'threshold:hall', NOW + 1000);
    // A write dated before the newest entry (a clock behind) is logged after it, still in order.
    await store.recountZone('hall', 9, { ...context(-5_000), by: 'admin' });
    const log = await store.readLog(NOW + 60_000);
    expect(log.map((entry) => entry.type)).toEqual(['counts', 'checkins', 'recount', 'alert', 'recount']);
    expect(log[0]).toMatchObject({ type: 'counts', items: [{ id: 'l1', gate: 'door', in: 10, out: 0 }] });
    expect(log[2]).toMatchObject({ type: 'recount', zone: 'hall', count: 8 });
    expect(log[4]).toMatchObject({ type: 'recount', zone: 'hall', count: 9 });
    // The log is dated by the server's clock (NOW here), not by Redis's.
    expect(await store.readLog(NOW - 60_000)).toEqual([]);
    expect((await store.readLog(NOW + 500)).map((entry) => entry.type)).toEqual(['counts', 'checkins', 'recount']);
    // From an instant on (a reader catching up): entries dated at or after it.
    expect((await store.readLog(NOW + 60_000, NOW + 1000)).map((entry) => entry.type)).toEqual(['alert', 'recount']);
  });
});
