import type { ErrorBody, LoginResult } from '@fairwatch/protocol';
import { session } from './session.svelte.ts';

/** A non-2xx answer of the API, with the contract's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as ErrorBody | null;
  return new ApiError(response.status, body?.error?.code ?? 'unknown', body?.error?.message ?? response.statusText);
}

/** POST /api/v1/login; throws ApiError (401 for bad credentials) or a TypeError when the network fails. */
export async function login(username: string, password: string): Promise<LoginResult> {
  const response = await fetch('/api/v1/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as LoginResult;
}

/**
 * Signs out: back to the sign-in screen at once, and `POST /api/v1/logout` revokes the token on the
 * server (on every instance), so that a copy of it (a shared phone, a snooped request) is worthless.
 * `keepalive` lets the request finish even if the page goes away. Without a network the revocation
 * fails quietly and the token lives until it expires.
 */
export async function signOut(): Promise<void> {
  const token = session.current?.token;
  session.end('signedOut');
  if (!token) return;
  await fetch('/api/v1/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
}

/** A staff GET with the session's token. A 401 ends the session: the token expired or was revoked. */
export async function getJson<T>(path: string): Promise<T> {
  const token = session.current?.token;
  if (!token) throw new ApiError(401, 'unauthorized', 'not signed in');
  const response = await fetch(path, { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) session.end('unauthorized');
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}
