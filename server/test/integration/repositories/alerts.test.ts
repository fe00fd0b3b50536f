import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store, StoreChange } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';
import { alert, NOW } from '../../support/store-reports.ts';

/** Crowd-safety alerts, one active per condition, every store (issue 3). */
describe.each(storeBackends())('alerts (AlertRepository), the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('keeps one active alert per condition, acknowledges and clears by compare-and-set, and tells every listener', async () => {
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    const first = alert('a1');
    expect(await store.raiseAlert(first, 'threshold:hall', NOW)).toEqual({ raised: true });
    expect(await store.raiseAlert(alert('a2'), 'threshold:hall', NOW)).toEqual({ raised: false, existing: first });
    const acked = { ...first, acknowledgedBy: 'operations', acknowledgedAt: new Date(NOW + 1).toISOString() };
    expect(await store.replaceAlert(first, acked, NOW + 1)).toBe(true);
    expect(await store.replaceAlert(first, { ...first, acknowledgedBy: 'admin' }, NOW + 1)).toBe(false);
    const cleared = { ...acked, clearedAt: new Date(NOW + 2).toISOString() };
    expect(await store.replaceAlert(acked, cleared, NOW + 2, 'threshold:hall')).toBe(true);
    expect(await store.raiseAlert(alert('a3'), 'threshold:hall', NOW + 3)).toEqual({ raised: true });
    expect((await store.listAlerts()).sort((a, b) => a.id.localeCompare(b.id))).toEqual([cleared, alert('a3')]);
    await expect.poll(() => changes.filter((change) => change.kind === 'alert').map((change) => change.kind === 'alert' && `${change.change} ${change.alert.id}`)).toEqual([
      'raised a1', 'acknowledged a1', 'cleared a1', 'raised a3',
    ]);
  });
});
