import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import { openIncident } from '../../../src/domain/incident-workflow.ts';
import type { Store, StoreChange } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';
import { context, count, door } from '../../support/store-reports.ts';

/** What a store tells its listeners, every store. */
describe.each(storeBackends())('change bus (ChangeBus), the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('tells listeners about every change', async () => {
    const changes: StoreChange[] = [];
    store.onChange((change) => changes.push(change));
    await store.ingestCounts([count(door, 1, 0)], context());
    const incident = openIncident({ id: '9d1f7a3e-1c2b-4e5f-8a9b-0c1d2e3f4a5b', type: 'other', severity: 'low', description: 'x' }, 'security', context().nowIso);
    await store.createIncident(incident, 'fp');
    await expect.poll(() => changes.length).toBeGreaterThanOrEqual(2);
    expect(changes).toContainEqual({ kind: 'floor' });
    expect(changes).toContainEqual({ kind: 'incident', incident: incident as Incident });
  });
});
