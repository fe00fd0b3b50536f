import { describe, expect, it } from 'vitest';
import { storeCredentials } from '../../src/auth/store-credentials.ts';
import { createLogger } from '../../src/log.ts';
import { MemoryAccountRepository } from '../../src/store/memory-account-repository.ts';

/** A stand-in for scrypt that counts its calls and matches `scrypt$hash:<secret>`. */
function countingVerifier() {
  const calls: string[] = [];
  const verify = async (secret: string, stored: string) => {
    calls.push(stored);
    return stored === `scrypt$hash:${secret}`;
  };
  return { calls, verify };
}

async function setUp() {
  const repo = new MemoryAccountRepository(new Map(), () => undefined);
  await repo.putUser({ username: 'amina', role: 'operations', passwordHash: 'scrypt$hash:amina-password' });
  await repo.putDevice({ id: 'gate-1', keyHash: 'scrypt$hash:gate-1.right', gates: ['main-gate'] });
  const counter = countingVerifier();
  const credentials = await storeCredentials(repo, createLogger('silent'), { verify: counter.verify, demoDeviceKey: 'demo-key' });
  return { repo, credentials, ...counter };
}

describe('credentials from the store', () => {
  it('checks a key with one scrypt, then from memory; a wrong key once, then from memory', async () => {
    const { credentials, calls } = await setUp();
    expect((await credentials.device('gate-1.right'))?.gates).toEqual(new Set(['main-gate']));
    expect(await credentials.device('gate-1.right')).not.toBeNull();
    expect(await credentials.device('gate-1.wrong')).toBeNull();
    expect(await credentials.device('gate-1.wrong')).toBeNull();
    expect(calls).toEqual(['scrypt$hash:gate-1.right', 'scrypt$hash:gate-1.right']);
  });

  it('spends a dummy hash on an unknown id, after the charge, and accepts the demo key without scrypt', async () => {
    const { credentials, calls } = await setUp();
    const charges: string[] = [];
    expect(await credentials.device('nobody.secret', async () => void charges.push('charged'))).toBeNull();
    expect(charges).toEqual(['charged']);
    expect(calls[0]).toMatch(/^scrypt\$32768\$/);
    expect((await credentials.device('demo-key'))?.id).toBe('demo-device');
    expect(calls).toHaveLength(1);
  });

  it('finds a device and a user added to the store after the copy was read (another instance made them)', async () => {
    const { repo, credentials } = await setUp();
    await repo.putDevice({ id: 'gate-2', keyHash: 'scrypt$hash:gate-2.key', gates: '*' });
    await repo.putUser({ username: 'karim', role: 'steward', passwordHash: 'scrypt$hash:karim-password' });
    expect((await credentials.device('gate-2.key'))?.gates).toBeNull();
    expect((await credentials.checkPassword('karim', 'karim-password'))?.role).toBe('steward');
    expect(credentials.account('karim')?.role).toBe('steward');
  });

  it('forgets proven keys and stamps at a change: a removed device and a disabled user are refused', async () => {
    const { repo, credentials, calls } = await setUp();
    expect(await credentials.device('gate-1.right')).not.toBeNull();
    const stamp = credentials.account('amina')!.stamp;
    await repo.deleteDevice('gate-1');
    await repo.putUser({ username: 'amina', role: 'operations', passwordHash: 'scrypt$hash:amina-password', disabled: true, generation: 'g2' });
    const changes: string[] = [];
    credentials.onChange(() => changes.push('reloaded'));
    credentials.invalidate();
    expect(await credentials.device('gate-1.right')).toBeNull();
    expect(calls.filter((hash) => hash === 'scrypt$hash:gate-1.right')).toHaveLength(1);
    expect(credentials.account('amina')).toBeNull();
    expect(await credentials.checkPassword('amina', 'amina-password')).toBeNull();
    expect(changes).toEqual(['reloaded']);
    await repo.putUser({ username: 'amina', role: 'operations', passwordHash: 'scrypt$hash:amina-password', generation: 'g3' });
    await credentials.refreshAccount('amina');
    expect(credentials.account('amina')?.stamp).not.toBe(stamp);
  });
});
