import { afterEach, describe, expect, it } from 'vitest';
import type { Credentials } from '../../src/auth/credentials.ts';
import { storeCredentials } from '../../src/auth/store-credentials.ts';
import { MemoryAccountRepository } from '../../src/store/memory-account-repository.ts';
import { FailedKeys } from '../../src/auth/failed-keys.ts';
import { createLogger } from '../../src/log.ts';

/** A stand-in for scrypt that counts its calls and matches `<hash>` = `hash:<secret>`. */
function countingVerifier() {
  const calls: string[] = [];
  const verify = async (secret: string, stored: string) => {
    calls.push(stored);
    return stored === `scrypt$hash:${secret}`;
  };
  return { calls, verify };
}

describe('device key checks', () => {
  let credentials: Credentials | undefined;
  afterEach(() => credentials?.close());

  async function withDevice() {
    const accounts = new MemoryAccountRepository(new Map(), () => undefined);
    await accounts.putDevice({ id: 'gate-1', keyHash: 'scrypt$hash:gate-1.right', gates: '*' });
    const counter = countingVerifier();
    credentials = await storeCredentials(accounts, createLogger('silent'), { verify: counter.verify });
    return { credentials, ...counter };
  }

  it('runs one slow check for an unknown id as for a known one, on a dummy hash, after the charge', async () => {
    const { credentials, calls } = await withDevice();
    const charges: string[] = [];
    const charge = (key: string) => async () => void charges.push(key);
    expect(await credentials.device('gate-1.wrong', charge('known'))).toBeNull();
    expect(await credentials.device('no-such-gate.wrong', charge('unknown'))).toBeNull();
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe('scrypt$hash:gate-1.right');
    expect(calls[1]).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(charges).toEqual(['known', 'unknown']);
  });

  it('refuses the check when the charge throws (the per-address limit), before any scrypt', async () => {
    const { credentials, calls } = await withDevice();
    const refuse = async () => {
      throw new Error('rate limited');
    };
    await expect(credentials.device('gate-1.wrong', refuse)).rejects.toThrow('rate limited');
    await expect(credentials.device('other.wrong', refuse)).rejects.toThrow('rate limited');
    expect(calls).toHaveLength(0);
  });

  it('remembers a failed key: repeating it costs no scrypt and no charge', async () => {
    const { credentials, calls } = await withDevice();
    let charges = 0;
    for (let i = 0; i < 5; i++) expect(await credentials.device('gate-1.wrong', async () => void charges++)).toBeNull();
    expect(calls).toHaveLength(1);
    expect(charges).toBe(1);
  });

  it('proves a right key once, and never checks what is not shaped like a device key', async () => {
    const { credentials, calls } = await withDevice();
    for (let i = 0; i < 3; i++) expect((await credentials.device('gate-1.right'))?.id).toBe('gate-1');
    expect(await credentials.device('a-session-token-without-a-dot')).toBeNull();
    expect(calls).toHaveLength(1);
  });
});

describe('the memory of failed keys', () => {
  it('forgets after its time and keeps at most its size, oldest out first', () => {
    let now = 0;
    const failed = new FailedKeys(1_000, 3, () => now);
    for (const key of ['a', 'b', 'c', 'd']) failed.add(key);
    expect(failed.size).toBe(3);
    expect(['a', 'b', 'c', 'd'].map((key) => failed.has(key))).toEqual([false, true, true, true]);
    now = 1_001;
    expect(failed.has('b')).toBe(false);
  });
});
