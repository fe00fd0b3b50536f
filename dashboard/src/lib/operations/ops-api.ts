import type { RecountResult } from '@fairwatch/protocol';
import { ApiError } from '../api.ts';
import { session } from '../session.svelte.ts';

/** POST /api/v1/zones/:id/recount with the session's token. */
export async function recountZone(zone: string, count: number, note?: string): Promise<RecountResult> {
  const token = session.current?.token;
  if (!token) throw new ApiError(401, 'unauthorized', 'not signed in');
  const response = await fetch(`/api/v1/zones/${encodeURIComponent(zone)}/recount`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(note ? { count, note } : { count }),
  });
  if (response.status === 401) session.end('unauthorized');
  const body = (await response.json().catch(() => null)) as (RecountResult & { error?: { code: string; message: string } }) | null;
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'unknown', body?.error?.message ?? response.statusText);
  return body!;
}
