import { DevicesHealthReport } from '@fairwatch/protocol';
import { ApiError } from '../api.ts';
import { session } from '../session.svelte.ts';

/** GET /api/v1/devices/health with the session's token. */
export async function fetchDevicesHealth(): Promise<DevicesHealthReport> {
  const token = session.current?.token;
  if (!token) throw new ApiError(401, 'unauthorized', 'not signed in');
  const response = await fetch('/api/v1/devices/health', { headers: { authorization: `Bearer ${token}` } });
  if (response.status === 401) session.end('unauthorized');
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, 'unknown', response.statusText);
  return DevicesHealthReport.parse(body);
}
