import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digestOf } from '../../../src/auth/secrets.ts';
import { versionRecord } from '../../../src/domain/venue-versions.ts';
import type { Store, StoreChange } from '../../../src/store/store.ts';
import { storeBackends } from '../../support/store-backends.ts';
import { tinyVenue } from '../../support/tiny-venue.ts';

const AT = new Date('2026-05-02T10:00:00.000Z');

/** What every store's venue and account repositories must do (issue 16); a new store runs this suite too. */
describe.each(storeBackends())('venues and accounts (VenueRepository, AccountRepository), the $name store', (backend) => {
  let store: Store;
  let changes: StoreChange[];
  beforeEach(async () => {
    store = await backend.open();
    changes = [];
    store.onChange((change) => changes.push(change));
  });
  afterEach(() => store.close());
  const heard = async (kind: StoreChange['kind'], atLeast = 1) => expect.poll(() => changes.filter((change) => change.kind === kind).length, { timeout: 2_000 }).toBeGreaterThanOrEqual(atLeast);

  it('appends versions by compare-and-set, announces each, lists them newest first and drops old ones', async () => {
    expect(await store.venues.currentVersion()).toBe(0);
    expect(await store.venues.appendVersion(0, versionRecord(tinyVenue, 1, 'seed', AT))).toBe(true);
    // Someone else based on 0 comes too late; a number that does not follow is refused.
    expect(await store.venues.appendVersion(0, versionRecord(tinyVenue, 1, 'late', AT))).toBe(false);
    expect(await store.venues.appendVersion(1, versionRecord(tinyVenue, 3, 'gap', AT))).toBe(false);
    expect(await store.venues.appendVersion(1, versionRecord({ ...tinyVenue, id: 'two' }, 2, 'amina', AT, { restoredFrom: 1 }))).toBe(true);
    expect(await store.venues.currentVersion()).toBe(2);
    await heard('venue', 2);
    expect(changes.filter((change) => change.kind === 'venue')).toEqual([{ kind: 'venue', version: 1 }, { kind: 'venue', version: 2 }]);
    expect((await store.venues.readVersion(2))?.venue.id).toBe('two');
    expect(await store.venues.readVersion(9)).toBeNull();
    const listed = await store.venues.listVersions(10);
    expect(listed.map((version) => [version.version, version.by])).toEqual([[2, 'amina'], [1, 'seed']]);
    expect(listed[0]).toEqual({ version: 2, publishedAt: AT.toISOString(), by: 'amina', restoredFrom: 1, counts: { zones: 2, stands: 2, gates: 2 } });
    expect(await store.venues.listVersions(1)).toHaveLength(1);
    await store.venues.dropVersionsBelow(2);
    expect((await store.venues.listVersions(10)).map((version) => version.version)).toEqual([2]);
    expect(await store.venues.readVersion(1)).toBeNull();
  });

  it('keeps plan images by name, bytes intact', async () => {
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    await store.venues.putImage('a'.repeat(64), { type: 'image/png', data });
    expect(await store.venues.getImage('a'.repeat(64))).toEqual({ type: 'image/png', data });
    expect(await store.venues.getImage('b'.repeat(64))).toBeNull();
    expect(await store.venues.countImages()).toBe(1);
  });

  it('stores users and devices (only if absent when asked), deletes them, and announces every change', async () => {
    const user = { username: 'amina', role: 'admin' as const, passwordHash: 'scrypt$x', generation: 'g1' };
    expect(await store.accounts.putUser(user, { onlyIfAbsent: true })).toBe(true);
    expect(await store.accounts.putUser({ ...user, role: 'steward' }, { onlyIfAbsent: true })).toBe(false);
    expect(await store.accounts.getUser('amina')).toEqual(user);
    expect(await store.accounts.putUser({ ...user, disabled: true })).toBe(true);
    expect((await store.accounts.listUsers()).map((u) => [u.username, u.disabled])).toEqual([['amina', true]]);
    const device = { id: 'gate-1', keyHash: 'scrypt$y', gates: ['door'] };
    expect(await store.accounts.putDevice(device, { onlyIfAbsent: true })).toBe(true);
    expect(await store.accounts.putDevice(device, { onlyIfAbsent: true })).toBe(false);
    expect(await store.accounts.listDevices()).toEqual([device]);
    expect(await store.accounts.deleteDevice('gate-1')).toBe(true);
    expect(await store.accounts.deleteDevice('gate-1')).toBe(false);
    expect(await store.accounts.getDevice('gate-1')).toBeNull();
    expect(await store.accounts.deleteUser('amina')).toBe(true);
    expect(await store.accounts.getUser('amina')).toBeNull();
    await heard('accounts', 4);
  });

  it('lists the unexpired sessions by the digest of their token and revokes one by it', async () => {
    const session = { username: 'amina', role: 'admin' as const, expiresAt: Date.now() + 60_000, account: 'stamp', mac: 'mac' };
    await store.saveSession('token-1', session);
    await store.saveSession('token-2', { ...session, username: 'karim' });
    const listed = await store.accounts.listSessions();
    expect(listed.map((stored) => stored.tokenDigest).sort()).toEqual([digestOf('token-1'), digestOf('token-2')].sort());
    expect(listed.find((stored) => stored.tokenDigest === digestOf('token-1'))?.session).toEqual(session);
    await store.accounts.revokeSessionByDigest(digestOf('token-1'));
    expect(await store.getSession('token-1')).toBeNull();
    expect(await store.getSession('token-2')).toEqual({ ...session, username: 'karim' });
    await heard('session-revoked');
    expect(changes).toContainEqual({ kind: 'session-revoked', tokenDigest: digestOf('token-1') });
  });
});
