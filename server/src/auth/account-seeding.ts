import { unwatchFile, watchFile } from 'node:fs';
import { ROLES } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import type { AccountRepository } from '../store/account-repository.ts';
import { readAccountsFile, type AccountsFile } from './accounts-file.ts';
import { DEMO_COST, hashSecret, randomSecret, verifySecret } from './secrets.ts';

/** The generation of the demo's accounts starts with this: they are the demo's to refresh. */
const DEMO_GENERATION = 'demo:';

/** Adds to the store the users and devices of `file` whose name or id it lacks (never overwrites). */
export async function seedAccounts(accounts: AccountRepository, file: AccountsFile): Promise<{ users: number; devices: number }> {
  let [users, devices] = [0, 0];
  for (const user of file.users) if (await accounts.putUser(user, { onlyIfAbsent: true })) users++;
  for (const device of file.devices) if (await accounts.putDevice(device, { onlyIfAbsent: true })) devices++;
  return { users, devices };
}

/** The demo's accounts (outside production without ACCOUNTS_FILE): one user per role, named after it. */
export async function demoAccounts(password: string): Promise<AccountsFile> {
  // One hash for all: the same password; each account's stamp still differs by its name.
  const passwordHash = await hashSecret(password, DEMO_COST);
  return { users: ROLES.map((role) => ({ username: role, role, passwordHash, generation: `${DEMO_GENERATION}${randomSecret(9)}` })), devices: [] };
}

/**
 * The demo password may be new at every start (generated when DEMO_PASSWORD is unset), and a Redis
 * store outlives the process: demo accounts still as the demo made them but with another password are
 * written again with this one. Accounts an admin changed keep their change (their generation is new).
 */
export async function refreshDemoAccounts(accounts: AccountRepository, demo: AccountsFile, password: string): Promise<number> {
  const fresh = new Map(demo.users.map((user) => [user.username, user]));
  const verdicts = new Map<string, boolean>();
  let refreshed = 0;
  for (const user of await accounts.listUsers()) {
    const replacement = fresh.get(user.username);
    if (!replacement || !user.generation?.startsWith(DEMO_GENERATION)) continue;
    let current = verdicts.get(user.passwordHash);
    if (current === undefined) verdicts.set(user.passwordHash, (current = await verifySecret(password, user.passwordHash)));
    if (!current) refreshed += Number(await accounts.putUser(replacement));
  }
  return refreshed;
}

/** Whether the store holds an enabled admin (production refuses to start without one). */
export async function hasEnabledAdmin(accounts: AccountRepository): Promise<boolean> {
  return (await accounts.listUsers()).some((user) => user.role === 'admin' && !user.disabled);
}

const json = (value: unknown) => JSON.stringify(value);

/** What changed between two readings of the accounts file, as writes to the store. */
export async function applyFileChanges(accounts: AccountRepository, before: AccountsFile, after: AccountsFile): Promise<number> {
  let changes = 0;
  const earlierUsers = new Map(before.users.map((user) => [user.username, json(user)]));
  const earlierDevices = new Map(before.devices.map((device) => [device.id, json(device)]));
  for (const user of after.users) if (earlierUsers.get(user.username) !== json(user)) changes += Number(await accounts.putUser(user));
  for (const device of after.devices) if (earlierDevices.get(device.id) !== json(device)) changes += Number(await accounts.putDevice(device));
  const nowUsers = new Set(after.users.map((user) => user.username));
  const nowDevices = new Set(after.devices.map((device) => device.id));
  for (const name of earlierUsers.keys()) if (!nowUsers.has(name)) changes += Number(await accounts.deleteUser(name));
  for (const id of earlierDevices.keys()) if (!nowDevices.has(id)) changes += Number(await accounts.deleteDevice(id));
  return changes;
}

/**
 * Keeps `pnpm accounts` working on a running server: each change made to ACCOUNTS_FILE (a user or
 * device added, changed or removed in it) is written to the store, which every instance reads.
 * Accounts the file does not change (those made in the dashboard) are left as they are.
 */
export function watchAccountsFile(path: string, accounts: AccountRepository, logger: Logger, pollMs = 500): () => void {
  let last: AccountsFile = readAccountsFile(path);
  let applying: Promise<void> = Promise.resolve();
  const onChange = () => {
    applying = applying.then(async () => {
      try {
        const next = readAccountsFile(path);
        const changes = await applyFileChanges(accounts, last, next);
        last = next;
        logger.info({ changes }, 'accounts file changes applied to the store');
      } catch (error) {
        logger.error({ err: (error as Error).message }, 'accounts file changes not applied: they are tried again at its next change');
      }
    });
  };
  watchFile(path, { interval: pollMs, persistent: false }, onChange);
  return () => unwatchFile(path, onChange);
}
