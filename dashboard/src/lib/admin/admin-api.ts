import { ROLES, type Role } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { z } from 'zod';
import '../zod-config.ts';
import { session } from '../session.svelte.ts';
import { Plan } from './plan.ts';

/**
 * Every call of the admin screens (issue 16's API, docs in the issue's API note), in one place and checked
 * with zod: a server that answers something else fails loudly here, not deep in a screen.
 */

/** One problem the server names in a refusal (`zones.2.polygon`, `version`, …). */
export const ErrorDetail = z.object({ path: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).optional(), message: z.string().optional(), code: z.string().optional(), zone: z.string().optional(), inside: z.number().optional() });
export type ErrorDetail = z.infer<typeof ErrorDetail>;
const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.array(ErrorDetail).optional() }) });

/** A non-2xx answer: the contract's code and the details (bad fields, occupied zones). */
export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const token = session.current?.token;
  if (!token) throw new AdminApiError(401, 'unauthorized', 'not signed in');
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) session.end('unauthorized');
  if (!response.ok) {
    const parsed = ErrorBody.safeParse(await response.json().catch(() => null));
    if (parsed.success) throw new AdminApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details);
    throw new AdminApiError(response.status, 'unknown', response.statusText);
  }
  return response;
}

async function json<T>(schema: z.ZodType<T>, path: string, init?: RequestInit): Promise<T> {
  return schema.parse(await (await request(path, init)).json());
}

function jsonBody(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

// ---- Venue and its versions ----

/** The venue as the dashboard edits it: the package's schema plus the optional floor plan. */
export type EditableVenue = Venue & { plan?: Plan };

/** GET /api/v1/venue with its version (the `X-Venue-Version` header, or the ETag without quotes). */
export async function fetchVenueVersioned(): Promise<{ venue: EditableVenue; version: number | null }> {
  const response = await request('/api/v1/venue');
  const header = response.headers.get('x-venue-version') ?? response.headers.get('etag')?.replace(/"/g, '') ?? '';
  const version = /^\d+$/.test(header) ? Number(header) : null;
  return { venue: (await response.json()) as EditableVenue, version };
}

export const PublishResult = z.object({ version: z.number(), publishedAt: z.string(), by: z.string() });
export type PublishResult = z.infer<typeof PublishResult>;

/** PUT /api/v1/venue, based on `version` (If-Match) so that someone else's publish is not overwritten. */
export function publishVenue(venue: EditableVenue, version: number | null, confirmRemoval = false, note = ''): Promise<PublishResult> {
  const headers: Record<string, string> = version === null ? {} : { 'if-match': `"${version}"` };
  const query = new URLSearchParams({ ...(confirmRemoval && { confirmRemoval: 'true' }), ...(note.trim() && { note: note.trim() }) }).toString();
  return json(PublishResult, `/api/v1/venue${query ? `?${query}` : ''}`, jsonBody('PUT', venue, headers));
}

export const VersionSummary = z.object({
  version: z.number(),
  publishedAt: z.string(),
  by: z.string(),
  note: z.string().optional(),
  restoredFrom: z.number().optional(),
  counts: z.object({ zones: z.number(), stands: z.number(), gates: z.number() }),
});
export type VersionSummary = z.infer<typeof VersionSummary>;
const VersionList = z.object({ current: z.number(), versions: z.array(VersionSummary) });

export function listVersions(): Promise<z.infer<typeof VersionList>> {
  return json(VersionList, '/api/v1/venue/versions');
}

const VersionDetail = z.object({ version: z.number(), publishedAt: z.string(), by: z.string(), venue: z.custom<EditableVenue>((value) => typeof value === 'object' && value !== null) });

export function fetchVersion(version: number): Promise<z.infer<typeof VersionDetail>> {
  return json(VersionDetail, `/api/v1/venue/versions/${version}`);
}

/** Roll back: publishes version `version` again, as a new version. */
export function republishVersion(version: number, confirmRemoval = false): Promise<PublishResult> {
  return json(PublishResult, `/api/v1/venue/versions/${version}/publish`, jsonBody('POST', { confirmRemoval }));
}

export const PlanUpload = z.object({ image: z.string().regex(/^[0-9a-f]{64}$/), widthPx: z.number().int().positive(), heightPx: z.number().int().positive() });
export type PlanUpload = z.infer<typeof PlanUpload>;

export const PLAN_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export const PLAN_MAX_BYTES = 15 * 1024 * 1024;

/** PUT /api/v1/venue/plan: stores the image (it does not change the venue). */
export function uploadPlan(file: Blob): Promise<PlanUpload> {
  return json(PlanUpload, '/api/v1/venue/plan', { method: 'PUT', headers: { 'content-type': file.type }, body: file });
}

/** The plan's bytes as an object URL (the route needs the session's token, which an <img> cannot send). */
export async function planImageUrl(image: string): Promise<string> {
  const response = await request(`/api/v1/venue/plan/${encodeURIComponent(image)}`);
  return URL.createObjectURL(await response.blob());
}

// ---- People, sessions, devices ----

export const StaffRole = z.enum(ROLES);
export const User = z.object({ username: z.string(), role: StaffRole, disabled: z.boolean(), sessions: z.number() });
export type User = z.infer<typeof User>;

export async function listUsers(): Promise<User[]> {
  return (await json(z.object({ users: z.array(User) }), '/api/v1/admin/users')).users;
}

export async function addUser(user: { username: string; role: Role; password: string }): Promise<void> {
  await request('/api/v1/admin/users', jsonBody('POST', user));
}

export async function updateUser(username: string, change: { role?: Role; disabled?: boolean; password?: string }): Promise<void> {
  await request(`/api/v1/admin/users/${encodeURIComponent(username)}`, jsonBody('PATCH', change));
}

export async function removeUser(username: string): Promise<void> {
  await request(`/api/v1/admin/users/${encodeURIComponent(username)}`, { method: 'DELETE' });
}

export const StaffSession = z.object({ id: z.string(), username: z.string(), role: StaffRole, issuedAt: z.string(), expiresAt: z.string() });
export type StaffSession = z.infer<typeof StaffSession>;

export async function listSessions(): Promise<StaffSession[]> {
  return (await json(z.object({ sessions: z.array(StaffSession) }), '/api/v1/admin/sessions')).sessions;
}

export async function endSession(id: string): Promise<void> {
  await request(`/api/v1/admin/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

const Scope = z.union([z.array(z.string()), z.literal('*')]);
export type Scope = z.infer<typeof Scope>;
export const Device = z.object({ id: z.string(), gates: Scope.optional(), stands: Scope.optional(), lastReportAt: z.string().nullable() });
export type Device = z.infer<typeof Device>;
/** `provisioningUrl`: null when no phone page fits the scope (the key is then typed into the device). */
export const DeviceKey = z.object({ id: z.string(), key: z.string(), provisioningUrl: z.string().nullable() });
export type DeviceKey = z.infer<typeof DeviceKey>;

export async function listDevices(): Promise<Device[]> {
  return (await json(z.object({ devices: z.array(Device) }), '/api/v1/admin/devices')).devices;
}

export function addDevice(device: { id: string; gates?: Scope; stands?: Scope }): Promise<DeviceKey> {
  return json(DeviceKey, '/api/v1/admin/devices', jsonBody('POST', device));
}

export function rotateDevice(id: string): Promise<DeviceKey> {
  return json(DeviceKey, `/api/v1/admin/devices/${encodeURIComponent(id)}/rotate`, { method: 'POST' });
}

export async function revokeDevice(id: string): Promise<void> {
  await request(`/api/v1/admin/devices/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

// ---- Audit ----

/** `at`, `by`, `action`, `ip`, and the action's own fields beside them. */
export const AuditEntry = z.looseObject({ at: z.string(), by: z.string(), action: z.string(), ip: z.string().optional() });
export type AuditEntry = z.infer<typeof AuditEntry>;
export interface AuditFilter {
  by?: string;
  action?: string;
  since?: string;
  until?: string;
  limit?: number;
}

function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams(extra);
  for (const [key, value] of Object.entries(filter)) if (value !== undefined && value !== '') query.set(key, String(value));
  return query.toString();
}

export async function listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
  return (await json(z.object({ entries: z.array(AuditEntry) }), `/api/v1/audit?${auditQuery(filter)}`)).entries;
}

/** The server's own CSV (format=csv), as a Blob to save. */
export async function auditCsv(filter: AuditFilter): Promise<Blob> {
  return (await request(`/api/v1/audit?${auditQuery(filter, { format: 'csv' })}`)).blob();
}
