import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt cost: ~50 ms per check here, which makes guessing slow and a sign-in still quick. */
const COST: ScryptOptions = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LENGTH = 32;

function derive(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/**
 * A light cost for the demo's accounts only (never in production, which refuses demo accounts): a
 * demo or a test signs in hundreds of times, as it did before accounts moved into the store.
 */
export const DEMO_COST: ScryptOptions = { N: 2 ** 10, r: 8, p: 1, maxmem: COST.maxmem };

/** A slow salted hash of a password or key: `scrypt$N$r$p$salt$hash` (base64url). */
export async function hashSecret(secret: string, cost: ScryptOptions = COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Checks a secret against a stored hash in constant time; a malformed hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function secretsEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** A fast digest, to index things by a secret without keeping the secret (caches, Redis keys). */
export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

/** A keyed MAC (HMAC-SHA256, base64url) of a text. */
export function macOf(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}
