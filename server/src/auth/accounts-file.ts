import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Role } from '@fairwatch/protocol';

const Id = z.string().min(1).max(128);

export const UserAccount = z.object({
  username: z.string().regex(/^[\p{L}\p{N}._-]{2,64}$/u, 'letters, digits, dot, dash or underscore; 2 to 64'),
  role: Role,
  passwordHash: z.string().startsWith('scrypt$'),
  /** A disabled user cannot sign in, and their sessions end (`pnpm accounts disable-user`). */
  disabled: z.boolean().optional(),
  /**
   * Changed by the CLI on every change to the user (new password, role, disable, enable, end-sessions):
   * sessions are bound to the account as it was at sign-in, so any change ends them, and re-enabling a
   * user or restoring a role never brings an old session back.
   */
  generation: z.string().max(64).optional(),
});
export type UserAccount = z.infer<typeof UserAccount>;

export const DeviceAccount = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, dash or underscore; 1 to 64'),
  keyHash: z.string().startsWith('scrypt$'),
  /** The gates and stands it may report for; absent: none of that kind. `*`: all. */
  gates: z.union([z.literal('*'), z.array(Id)]).optional(),
  stands: z.union([z.literal('*'), z.array(Id)]).optional(),
  /**
   * For devices that sign their reports (HMAC-SHA256). Kept in clear because checking an HMAC needs
   * it: protect the file (chmod 600) as you would any key store.
   */
  signingSecret: z.string().min(32).optional(),
});
export type DeviceAccount = z.infer<typeof DeviceAccount>;

export const AccountsFile = z.object({
  users: z.array(UserAccount).default([]),
  devices: z.array(DeviceAccount).default([]),
});
export type AccountsFile = z.infer<typeof AccountsFile>;

export class AccountsFileError extends Error {
  override name = 'AccountsFileError';
}

/** Reads and validates an accounts file; a missing file is an empty one. */
export function readAccountsFile(path: string): AccountsFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { users: [], devices: [] };
    throw new AccountsFileError(`cannot read accounts file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AccountsFileError(`accounts file ${path} is not valid JSON`);
  }
  const parsed = AccountsFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AccountsFileError(`accounts file ${path} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Writes the file atomically (a reader never sees half of it), readable by its owner only. */
export function writeAccountsFile(path: string, accounts: AccountsFile): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}
