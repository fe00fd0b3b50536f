import type { Checkin, CountReport, ErrorBody, FieldGates, FieldStand, IngestResult } from '@fairwatch/protocol';
import { ApiError } from '../api.ts';
import { fieldAuth } from './field-auth.svelte.ts';

/** A field route with the phone's device key or the steward's token; a 401 is reported to fieldAuth. */
async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const token = fieldAuth.token();
  if (!token) throw new ApiError(401, 'unauthorized', 'no device key and not signed in');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  if (response.status === 401) fieldAuth.unauthorized();
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as ErrorBody | null;
    throw new ApiError(response.status, error?.error?.code ?? 'unknown', error?.error?.message ?? response.statusText);
  }
  return (await response.json()) as T;
}

export const fetchGates = () => call<FieldGates>('GET', '/api/v1/field/gates');
export const fetchStand = (stand: string) => call<FieldStand>('GET', `/api/v1/field/stands/${encodeURIComponent(stand)}`);
export const postCounts = (reports: CountReport[]) => call<IngestResult>('POST', '/api/v1/counts', reports);
export const postCheckins = (checkins: Checkin[]) => call<IngestResult>('POST', '/api/v1/checkins', checkins);
