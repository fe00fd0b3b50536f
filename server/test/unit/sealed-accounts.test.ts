import { describe, expect, it } from 'vitest';
import type { DeviceAccount, UserAccount } from '../../src/auth/accounts-file.ts';
import { SealedAccountRepository } from '../../src/auth/sealed-accounts.ts';
import { MemoryAccountRepository } from '../../src/store/memory-account-repository.ts';

const SECRET = 'the-session-secret-of-these-tests-32+';
const user: UserAccount = { username: 'karim', role: 'admin', passwordHash: 'scrypt$16384$8$1$c2FsdA$aGFzaA', generation: 'g1' };
const device: DeviceAccount = { id: 'gate-a-counter', keyHash: 'scrypt$16384$8$1$c2FsdA$a2V5', gates: ['main-gate'] };

/** The raw store (what someone with write access to Redis sees and writes) and the sealed view of it. */
function repositories() {
  const raw = new MemoryAccountRepository(new Map(), () => undefined);
  const ignored: string[] = [];
  return { raw, ignored, sealed: new SealedAccountRepository(raw, SECRET, (kind, name) => ignored.push(`${kind}:${name}`)) };
}

describe('accounts sealed with SESSION_SECRET (issue 14, finding 8)', () => {
  it('gives back what it stored, without the seal', async () => {
    const { raw, sealed } = repositories();
    await sealed.putUser(user);
    await sealed.putDevice(device);
    expect(await sealed.getUser('karim')).toEqual(user);
    expect(await sealed.listDevices()).toEqual([device]);
    expect((await raw.getUser('karim')) as Record<string, unknown>).toHaveProperty('seal');
  });

  it('takes no record written without the key, nor a sealed one changed or sealed with another key', async () => {
    const { raw, sealed, ignored } = repositories();
    await raw.putUser({ username: 'mallory', role: 'admin', passwordHash: user.passwordHash });
    await sealed.putUser(user);
    await raw.putUser({ ...(await raw.getUser('karim'))!, role: 'admin', passwordHash: 'scrypt$1$1$1$x$y' });
    await new SealedAccountRepository(raw, 'another-secret-of-at-least-32-chars!').putDevice(device);
    expect(await sealed.getUser('mallory')).toBeNull();
    expect(await sealed.getUser('karim')).toBeNull();
    expect(await sealed.listUsers()).toEqual([]);
    expect(await sealed.getDevice(device.id)).toBeNull();
    expect(new Set(ignored)).toEqual(new Set(['user:mallory', 'user:karim', 'device:gate-a-counter']));
  });

  it('seeds over a record it cannot open, and never over one it can', async () => {
    const { raw, sealed } = repositories();
    await raw.putUser({ ...user, role: 'steward' });
    expect(await sealed.putUser(user, { onlyIfAbsent: true })).toBe(true);
    expect(await sealed.getUser('karim')).toEqual(user);
    expect(await sealed.putUser({ ...user, role: 'manager' }, { onlyIfAbsent: true })).toBe(false);
    expect((await sealed.getUser('karim'))?.role).toBe('admin');
  });
});
