import { describe, expect, it } from 'vitest';
import type { Role } from '@fairwatch/protocol';
import type { Credentials, StaffAccount } from '../../src/auth/credentials.ts';
import { SessionDirectory } from '../../src/auth/session-directory.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';

/** Credentials whose accounts the test changes at will. */
function accounts(initial: StaffAccount[]) {
  const byName = new Map(initial.map((account) => [account.username, account]));
  const credentials = {
    account: (username: string) => byName.get(username) ?? null,
  } as Partial<Credentials> as Credentials;
  return { credentials, set: (account: StaffAccount) => byName.set(account.username, account), remove: (name: string) => byName.delete(name) };
}

const amina: StaffAccount = { username: 'amina', role: 'operations' as Role, stamp: 'stamp-1' };

describe('the session directory', () => {
  it('ends a session at its expiry by the injected clock, HTTP and sockets alike', async () => {
    let now = 1_000_000;
    const { credentials } = accounts([amina]);
    const directory = new SessionDirectory(new EmbeddedStore(), credentials, 'k'.repeat(32), () => now);
    const { token, session } = await directory.open(amina, 60_000);
    expect(await directory.find(token)).toMatchObject({ username: 'amina' });
    now += 59_999;
    expect(directory.holds(session)).toBe(true);
    now += 1;
    expect(directory.holds(session)).toBe(false);
    expect(await directory.find(token)).toBeNull();
  });

  it('ends a session when the account’s stamp changes or the account goes, and never brings it back', async () => {
    const { credentials, set, remove } = accounts([amina]);
    const directory = new SessionDirectory(new EmbeddedStore(), credentials, 'k'.repeat(32));
    const { token } = await directory.open(amina, 60_000);
    set({ ...amina, stamp: 'stamp-2' });
    expect(await directory.find(token)).toBeNull();
    remove('amina');
    expect(await directory.find(token)).toBeNull();
    set({ ...amina, stamp: 'stamp-3' });
    expect(await directory.find(token)).toBeNull();
  });

  it('refuses a stored record that it did not seal, one sealed with another key, or one under another token', async () => {
    const store = new EmbeddedStore();
    const { credentials } = accounts([amina]);
    const directory = new SessionDirectory(store, credentials, 'k'.repeat(32));
    const other = new SessionDirectory(store, credentials, 'another-key-'.repeat(3));
    const { session } = await directory.open(amina, 60_000);
    await store.saveSession('unsealed', { username: 'amina', role: 'operations', expiresAt: Date.now() + 60_000, account: 'stamp-1' });
    await store.saveSession('copied', session);
    expect(await directory.find('unsealed')).toBeNull();
    expect(await directory.find('copied')).toBeNull();
    const { token: othersToken } = await other.open(amina, 60_000);
    expect(await new SessionDirectory(store, credentials, 'k'.repeat(32)).find(othersToken)).toBeNull();
  });
});
