import type { DeviceAccount, UserAccount } from '../auth/accounts-file.ts';
import type { Session } from '../auth/sessions.ts';

/** A stored session with the digest of its token (the token itself is never stored by Redis). */
export interface StoredSession {
  tokenDigest: string;
  session: Session;
}

/**
 * Staff accounts, device keys and sessions in the store (issue 16), shared by every instance: a small
 * persistence interface each store implements (embedded, Redis, the durable one) with no rules of its
 * own (those live in domain/account-admin.ts and auth/store-credentials.ts). Every write announces
 * `{ kind: 'accounts' }` on the store's bus, so that each instance re-reads its cached copy.
 */
export interface AccountRepository {
  listUsers(): Promise<UserAccount[]>;
  getUser(username: string): Promise<UserAccount | null>;
  /** Stores a user; with `onlyIfAbsent`, only when the name is free (false: it was taken, nothing stored). */
  putUser(user: UserAccount, options?: { onlyIfAbsent?: boolean }): Promise<boolean>;
  /** false: there was no such user. */
  deleteUser(username: string): Promise<boolean>;
  listDevices(): Promise<DeviceAccount[]>;
  getDevice(id: string): Promise<DeviceAccount | null>;
  putDevice(device: DeviceAccount, options?: { onlyIfAbsent?: boolean }): Promise<boolean>;
  deleteDevice(id: string): Promise<boolean>;
  /** The unexpired sessions (their MAC unchecked: the session directory checks it). */
  listSessions(): Promise<StoredSession[]>;
  /** Deletes a session by its token's digest and announces `session-revoked` (sockets close everywhere). */
  revokeSessionByDigest(tokenDigest: string): Promise<void>;
}
