import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';

/** Staff sessions, every store. */
describe.each(storeBackends())('sessions and audit (SessionRepository), the $name store', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(() => store.close());

  it('keeps sessions until they expire', async () => {
    await store.saveSession('token-a', { username: 'admin', role: 'admin', expiresAt: Date.now() + 60_000 });
    expect(await store.getSession('token-a')).toMatchObject({ username: 'admin', role: 'admin' });
    expect(await store.getSession('token-b')).toBeNull();
  });

  it('keeps a session’s seal (account stamp and MAC) as given: the session directory checks it on every read', async () => {
    const sealed = { username: 'admin', role: 'admin' as const, expiresAt: Date.now() + 60_000, account: 'stamp-of-the-account', mac: 'mac-over-the-session' };
    await store.saveSession('token-sealed', sealed);
    expect(await store.getSession('token-sealed')).toEqual(sealed);
  });
});
