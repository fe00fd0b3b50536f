import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@fairwatch/protocol';
import { writeAccountsFile, type AccountsFile, type DeviceAccount } from '../../src/auth/accounts-file.ts';
import { hashSecret, randomSecret } from '../../src/auth/secrets.ts';

export const STAFF_PASSWORD = 'correct-horse-battery';

export interface DeviceFixture {
  id: string;
  key: string;
  signingSecret?: string;
}

/** An accounts file as `pnpm accounts` writes it: one user per role (`<role>-1`), and the devices asked for. */
export async function writeAccountsFixture(devices: Array<Omit<DeviceAccount, 'keyHash' | 'signingSecret'> & { signing?: boolean }>) {
  const path = join(mkdtempSync(join(tmpdir(), 'fairwatch-accounts-')), 'accounts.json');
  const passwordHash = await hashSecret(STAFF_PASSWORD);
  const roles: Role[] = ['operations', 'security', 'manager', 'admin', 'steward'];
  const accounts: AccountsFile = { users: roles.map((role) => ({ username: `${role}-1`, role, passwordHash })), devices: [] };
  const keys: Record<string, DeviceFixture> = {};
  for (const { signing, ...device } of devices) {
    const key = `${device.id}.${randomSecret()}`;
    const signingSecret = signing ? randomSecret(32) : undefined;
    accounts.devices.push({ ...device, keyHash: await hashSecret(key), ...(signingSecret && { signingSecret }) });
    keys[device.id] = { id: device.id, key, ...(signingSecret && { signingSecret }) };
  }
  writeAccountsFile(path, accounts);
  return { path, accounts, keys };
}
