import { createHash, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '@fairwatch/protocol';

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function secretsEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * Who may sign in and which device keys are valid. Outside production: the demo accounts (user name =
 * role) sharing one password, and one device key valid for every gate and stand.
 */
export interface Credentials {
  /** The role of a user whose password matches, or null. */
  checkPassword(username: string, password: string): Role | null;
  isDeviceKey(key: string): boolean;
}

export function demoCredentials(password: string, deviceKey: string): Credentials {
  return {
    checkPassword(username, password_) {
      const role = ROLES.find((r) => r === username);
      // Compare even for unknown users so that timing does not tell which names exist.
      const matches = secretsEqual(password_, password);
      return role && matches ? role : null;
    },
    isDeviceKey: (key) => secretsEqual(key, deviceKey),
  };
}
