import type { GateClosureState, WhatIfAnswer } from '@fairwatch/protocol';
import { ApiError } from '../api.ts';
import { session } from '../session.svelte.ts';

async function post<T>(path: string, body: unknown): Promise<T> {
  const token = session.current?.token;
  if (!token) throw new ApiError(401, 'unauthorized', 'not signed in');
  const response = await fetch(path, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status === 401) session.end('unauthorized');
  const answer = (await response.json().catch(() => null)) as (T & { error?: { code: string; message: string } }) | null;
  if (!response.ok) throw new ApiError(response.status, answer?.error?.code ?? 'unknown', answer?.error?.message ?? response.statusText);
  return answer as T;
}

/** POST /api/v1/egress/what-if: times to clear with these gates blocked; nothing live changes. */
export function askWhatIf(blocked: readonly string[]): Promise<WhatIfAnswer> {
  return post('/api/v1/egress/what-if', { blocked });
}

/** POST /api/v1/gates/:id/close or /reopen: a real, audited change the live figures follow. */
export function setGateClosed(gate: string, closed: boolean, note?: string): Promise<GateClosureState> {
  return post(`/api/v1/gates/${encodeURIComponent(gate)}/${closed ? 'close' : 'reopen'}`, closed && note ? { note } : {});
}
