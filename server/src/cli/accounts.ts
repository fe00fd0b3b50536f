/**
 * `pnpm accounts`: manage the staff accounts and device keys of production (the ACCOUNTS_FILE).
 * Passwords and keys are stored only as scrypt hashes; a new device key is printed once.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { ROLES, type Role } from '@fairwatch/protocol';
import { readAccountsFile, writeAccountsFile, type AccountsFile, type DeviceAccount, type UserAccount } from '../auth/accounts-file.ts';
import { hashSecret, randomSecret } from '../auth/secrets.ts';
import { fieldPageOf, provisioningLink, provisioningQr, type ProvisioningTarget } from './provisioning.ts';

const USAGE = `usage: pnpm accounts <command> [options]   (file: --file PATH or ACCOUNTS_FILE)
  list
  add-user NAME --role operations|security|manager|admin|steward  (password from FAIRWATCH_PASSWORD or asked)
  set-password NAME            (a new password; the user's sessions end)
  set-role NAME --role ROLE    (the user's sessions end)
  disable-user NAME / enable-user NAME   (disabled: no sign-in, sessions end; enabling brings none back)
  end-sessions NAME            (signs the user out everywhere, e.g. a lost phone)
  remove-user NAME
  add-device ID [--gates ID,ID|*] [--stands ID,ID|*] [--signing]   (prints the key once)
       [--url https://SERVER [--qr FILE.png]]   a phone's provisioning link and QR code: a tally counter
       for gates, a stand scanner for one stand (the key travels in the link's #fragment, never logged)
  remove-device ID
A running server writes each change to the file into its store within a second (accounts live in
the store, shared by every instance): changed or removed users and removed devices are refused at
once everywhere. At start, users and devices the store lacks are added from the file.`;

const MIN_PASSWORD = 12;

function fail(message: string): never {
  console.error(`accounts: ${message}`);
  process.exit(2);
}

async function askPassword(): Promise<string> {
  if (process.env.FAIRWATCH_PASSWORD) return process.env.FAIRWATCH_PASSWORD;
  const lines = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  const password = await lines.question(`password (at least ${MIN_PASSWORD} characters): `);
  lines.close();
  return password.trim();
}

/** Every change to a user gets a new generation: sessions bound to the old one end (see UserAccount). */
function changed(user: UserAccount, change: Partial<UserAccount>): UserAccount {
  return { ...user, ...change, generation: randomSecret(9) };
}

/** Applies a change to one existing user and saves the file. */
function updateUser(file: string, accounts: AccountsFile, name: string | undefined, change: (user: UserAccount) => UserAccount): void {
  if (!name || !accounts.users.some((user) => user.username === name)) fail(`no user ${name ?? '(missing NAME)'}`);
  writeAccountsFile(file, { ...accounts, users: accounts.users.map((user) => (user.username === name ? change(user) : user)) });
}

async function newPasswordHash(): Promise<string> {
  const password = await askPassword();
  if (password.length < MIN_PASSWORD) fail(`the password needs at least ${MIN_PASSWORD} characters`);
  return hashSecret(password);
}

function scope(value: string | undefined): DeviceAccount['gates'] {
  if (value === undefined) return undefined;
  return value === '*' ? '*' : value.split(',').map((id) => id.trim()).filter(Boolean);
}

/** The page a provisioned phone opens, checked before anything is saved. */
function provisioningTargetOf(url: string, device: Pick<DeviceAccount, 'gates' | 'stands'>, signing: boolean): ProvisioningTarget {
  // A phone's page sends plain bearer requests: it holds no signing secret.
  if (signing) fail('--url provisions a phone, which cannot sign its reports: drop --signing');
  try {
    provisioningLink(url, 'check', { page: 'tally' });
  } catch (error) {
    fail(`--url: ${(error as Error).message}`);
  }
  return fieldPageOf(device.gates, device.stands) ?? fail('a provisioning link needs --gates (a tally counter) or one stand in --stands (a stand scanner)');
}

/** A phone opens its page from this link or QR code, keeping the key (see provisioning.ts). */
async function printProvisioning(url: string, key: string, target: ProvisioningTarget, pngPath: string | undefined): Promise<void> {
  const link = provisioningLink(url, key, target);
  console.log(`Provisioning link (${target.page === 'tally' ? 'tally counter' : `stand scanner for ${target.stand}`}); open it on the phone or scan the QR code:\n  ${link}`);
  console.log(await provisioningQr(link, pngPath));
  if (pngPath) console.log(`QR code written to ${pngPath} (it holds the key: hand it over, then delete it)`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      file: { type: 'string' },
      role: { type: 'string' },
      gates: { type: 'string' },
      stands: { type: 'string' },
      signing: { type: 'boolean', default: false },
      url: { type: 'string' },
      qr: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, name] = positionals;
  if (values.help || !command) return console.log(USAGE);
  const file = values.file ?? process.env.ACCOUNTS_FILE ?? fail('no accounts file: pass --file PATH or set ACCOUNTS_FILE');
  const accounts: AccountsFile = readAccountsFile(file);

  switch (command) {
    case 'list':
      for (const user of accounts.users) console.log(`user    ${user.username}  (${user.role})${user.disabled ? '  disabled' : ''}`);
      for (const device of accounts.devices) {
        const list = (s: DeviceAccount['gates']) => (s === '*' ? 'all' : (s ?? []).join(',') || 'none');
        console.log(`device  ${device.id}  gates: ${list(device.gates)}  stands: ${list(device.stands)}${device.signingSecret ? '  signs reports' : ''}`);
      }
      return;
    case 'add-user': {
      if (!name) fail('add-user needs a NAME');
      const role = ROLES.find((r) => r === values.role) ?? fail(`--role must be one of ${ROLES.join(', ')}`);
      const existed = accounts.users.some((user) => user.username === name);
      const users = accounts.users.filter((user) => user.username !== name);
      users.push({ username: name, role: role as Role, passwordHash: await newPasswordHash(), generation: randomSecret(9) });
      writeAccountsFile(file, { ...accounts, users });
      return console.log(`user ${name} (${role}) saved${existed ? '; their earlier sessions end now' : ''}`);
    }
    case 'set-password': {
      const passwordHash = await newPasswordHash();
      updateUser(file, accounts, name, (user) => changed(user, { passwordHash }));
      return console.log(`new password for ${name}; their sessions end now`);
    }
    case 'set-role': {
      const role = ROLES.find((r) => r === values.role) ?? fail(`--role must be one of ${ROLES.join(', ')}`);
      updateUser(file, accounts, name, (user) => changed(user, { role: role as Role }));
      return console.log(`${name} is now ${role}; their sessions end now`);
    }
    case 'disable-user':
      updateUser(file, accounts, name, (user) => changed(user, { disabled: true }));
      return console.log(`user ${name} disabled; their sessions end now`);
    case 'enable-user':
      updateUser(file, accounts, name, (user) => changed(user, { disabled: false }));
      return console.log(`user ${name} enabled; they sign in again (old sessions stay ended)`);
    case 'end-sessions':
      updateUser(file, accounts, name, (user) => changed(user, {}));
      return console.log(`every session of ${name} ends now`);
    case 'remove-user':
      if (!accounts.users.some((user) => user.username === name)) fail(`no user ${name}`);
      writeAccountsFile(file, { ...accounts, users: accounts.users.filter((user) => user.username !== name) });
      return console.log(`user ${name} removed; their sessions end now`);
    case 'add-device': {
      if (!name || !/^[A-Za-z0-9_-]{1,64}$/.test(name)) fail('add-device needs an ID of letters, digits, dash or underscore');
      const scopes = { gates: scope(values.gates), stands: scope(values.stands) };
      const target = values.url ? provisioningTargetOf(values.url, scopes, values.signing) : null;
      const key = `${name}.${randomSecret()}`;
      const device: DeviceAccount = { id: name, keyHash: await hashSecret(key), ...scopes };
      if (values.signing) device.signingSecret = randomSecret(32);
      writeAccountsFile(file, { ...accounts, devices: [...accounts.devices.filter((d) => d.id !== name), device] });
      console.log(`device ${name} saved. Its key, shown only now:\n  ${key}`);
      if (device.signingSecret) console.log(`Its signing secret (HMAC-SHA256, see README):\n  ${device.signingSecret}`);
      if (values.url && target) await printProvisioning(values.url, key, target, values.qr);
      return;
    }
    case 'remove-device':
      if (!accounts.devices.some((device) => device.id === name)) fail(`no device ${name}`);
      writeAccountsFile(file, { ...accounts, devices: accounts.devices.filter((device) => device.id !== name) });
      return console.log(`device ${name} removed; its key is refused now`);
    default:
      fail(`unknown command ${command}\n${USAGE}`);
  }
}

await main();
