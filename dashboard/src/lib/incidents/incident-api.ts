import type { Incident, IncidentReport, StaffMember } from '@fairwatch/protocol';
import { ApiError } from '../api.ts';
import { session } from '../session.svelte.ts';

async function call<T>(method: string, path: string, body?: BodyInit, contentType = 'application/json'): Promise<T> {
  const token = session.current?.token;
  if (!token) throw new ApiError(401, 'unauthorized', 'not signed in');
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = contentType;
  const response = await fetch(path, { method, headers, body, cache: 'no-store' });
  if (response.status === 401) session.end('unauthorized');
  if (!response.ok) {
    const error = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, error?.error?.code ?? 'unknown', error?.error?.message ?? response.statusText);
  }
  return (await response.json()) as T;
}

const json = (value: unknown) => JSON.stringify(value);
const at = (id: string) => `/api/v1/incidents/${encodeURIComponent(id)}`;

export const postIncident = (report: IncidentReport) => call<Incident>('POST', '/api/v1/incidents', json(report));
export const putPhoto = (id: string, photo: Blob) => call<Incident>('PUT', `${at(id)}/photo`, photo, photo.type || 'image/jpeg');
export const changeStatus = (id: string, status: 'acknowledged' | 'resolved', note?: string) => call<Incident>('PATCH', at(id), json({ status, ...(note && { note }) }));
export const reopen = (id: string, note?: string) => call<Incident>('POST', `${at(id)}/reopen`, json(note ? { note } : {}));
export const addNote = (id: string, text: string) => call<Incident>('POST', `${at(id)}/notes`, json({ id: crypto.randomUUID(), text }));
export const assign = (id: string, assignee: string | null) => call<Incident>('POST', `${at(id)}/assignment`, json({ assignee }));
export const listStaff = () => call<{ staff: StaffMember[] }>('GET', '/api/v1/staff');

/** The photo as an object URL (an <img> cannot send the token); the caller revokes it. */
export async function photoUrl(id: string): Promise<string> {
  const token = session.current?.token;
  const response = await fetch(`${at(id)}/photo`, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  if (!response.ok) throw new ApiError(response.status, 'photo', response.statusText);
  return URL.createObjectURL(await response.blob());
}
