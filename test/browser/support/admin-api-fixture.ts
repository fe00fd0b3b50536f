/**
 * Issue 16's admin API answered in the browser (Playwright `page.route`), following the issue's API note
 * exactly, while the real server answers everything else (sign-in, figures, socket). The dashboard's
 * admin screens are tested against it until the server side is merged; the integrator then points these
 * tests at the real routes. Requests are recorded so that tests can check what the screens sent.
 */
import { createHash } from 'node:crypto';
import { crossCheckVenue, Venue as VenueSchema, type Venue } from '@fairwatch/venue';
import type { Page, Route, WebSocketRoute } from 'playwright-core';

export interface FixtureVersion {
  version: number;
  publishedAt: string;
  by: string;
  restoredFrom?: number;
  venue: Venue;
}
export interface FixtureUser {
  username: string;
  role: string;
  disabled: boolean;
  sessions: number;
  password?: string;
}
export interface RecordedRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

export interface AdminApiFixture {
  versions: FixtureVersion[];
  users: FixtureUser[];
  sessions: Array<{ id: string; username: string; role: string; issuedAt: string; expiresAt: string }>;
  devices: Array<{ id: string; gates?: string[] | '*'; stands?: string[] | '*'; lastReportAt: string | null; key: string }>;
  audit: Array<Record<string, unknown> & { at: string; by: string; action: string }>;
  /** People inside each zone now: a publish that removes one of them needs `confirmRemoval`. */
  occupied: Record<string, number>;
  plans: Map<string, Buffer>;
  requests: RecordedRequest[];
  current(): FixtureVersion;
  /** Someone else publishes (a second admin): the open editor's version becomes stale. */
  publishElsewhere(venue: Venue): FixtureVersion;
  /** Sends `venue:updated` to the page, as the server does after every publish. */
  emitVenueUpdated(version: number): void;
}

const PREFIX = '/api/v1/';

function json(route: Route, status: number, body: unknown, headers: Record<string, string> = {}) {
  return route.fulfill({ status, contentType: 'application/json', headers, body: body === undefined ? '' : JSON.stringify(body) });
}
const error = (route: Route, status: number, code: string, message: string, details?: unknown[]) => json(route, status, { error: { code, message, ...(details ? { details } : {}) } });

/** The same checks the server runs (the schema, then the cross checks), as `details`. */
function venueProblems(body: unknown): Array<{ path: string; message: string }> {
  const parsed = VenueSchema.safeParse(body);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return crossCheckVenue(parsed.data).map((line) => ({ path: line.slice(0, line.indexOf(': ')), message: line.slice(line.indexOf(': ') + 2) }));
}

/** Width and height of a PNG (its IHDR chunk). */
function pngSize(bytes: Buffer): { widthPx: number; heightPx: number } | null {
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47) return null;
  return { widthPx: bytes.readUInt32BE(16), heightPx: bytes.readUInt32BE(20) };
}

export async function installAdminApi(page: Page, options: { venue: Venue; admin?: string }): Promise<AdminApiFixture> {
  const now = () => new Date().toISOString();
  const admin = options.admin ?? 'admin';
  const sockets: WebSocketRoute[] = [];
  const fixture: AdminApiFixture = {
    versions: [{ version: 1, publishedAt: now(), by: 'seed', venue: structuredClone(options.venue) }],
    users: [
      { username: 'admin', role: 'admin', disabled: false, sessions: 1 },
      { username: 'operations', role: 'operations', disabled: false, sessions: 0 },
    ],
    sessions: [{ id: 's-admin', username: 'admin', role: 'admin', issuedAt: now(), expiresAt: new Date(Date.now() + 8 * 3_600_000).toISOString() }],
    devices: [{ id: 'counter-main', gates: ['main-gate'], lastReportAt: null, key: 'old-key' }],
    audit: [
      { at: '2026-10-01T09:00:00.000Z', by: 'admin', action: 'login', ip: '10.0.0.5' },
      { at: '2026-10-01T09:05:00.000Z', by: 'security', action: 'incident.create', ip: '10.0.0.7', incident: 'i-1' },
      { at: '2026-10-01T09:10:00.000Z', by: 'admin', action: 'user.add', ip: '10.0.0.5', username: 'steward1' },
    ],
    occupied: {},
    plans: new Map(),
    requests: [],
    current: () => fixture.versions[0]!,
    publishElsewhere(venue) {
      return publish(venue, 'other-admin');
    },
    emitVenueUpdated(version) {
      for (const socket of sockets) socket.send(`42${JSON.stringify(['venue:updated', { version }])}`);
    },
  };

  function publish(venue: Venue, by: string, restoredFrom?: number): FixtureVersion {
    const version: FixtureVersion = { version: fixture.current().version + 1, publishedAt: now(), by, ...(restoredFrom !== undefined ? { restoredFrom } : {}), venue: structuredClone(venue) };
    fixture.versions.unshift(version);
    fixture.audit.unshift({ at: now(), by, action: 'venue.publish', version: version.version });
    return version;
  }

  /** 409 removes_occupied unless confirmed; else the new version (and venue:updated on the socket). */
  async function publishAnswer(route: Route, venue: Venue, confirmed: boolean, restoredFrom?: number) {
    const kept = new Set(venue.zones.map((zone) => zone.id));
    const removed = Object.entries(fixture.occupied).filter(([zone, inside]) => inside > 0 && !kept.has(zone));
    if (removed.length && !confirmed) {
      return error(route, 409, 'removes_occupied', 'the new venue removes zones with people in them', removed.map(([zone, inside]) => ({ path: 'zones', message: `${inside} inside ${zone}`, zone, inside })));
    }
    const version = publish(venue, admin, restoredFrom);
    fixture.emitVenueUpdated(version.version);
    return json(route, 200, { version: version.version, publishedAt: version.publishedAt, by: version.by });
  }

  await page.routeWebSocket(/\/socket\.io\//, (pageSide) => {
    pageSide.connectToServer();
    sockets.push(pageSide);
  });

  await page.route(
    (url) => url.pathname.startsWith(PREFIX),
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      const path = url.pathname.slice(PREFIX.length);
      const method = request.method();
      const raw = request.postDataBuffer();
      const isJson = (request.headers()['content-type'] ?? '').includes('json');
      const body = raw && isJson ? JSON.parse(raw.toString('utf8')) : raw;
      const segments = path.split('/').map(decodeURIComponent);
      const handled = segments[0] === 'venue' || segments[0] === 'admin' || segments[0] === 'audit';
      if (!handled) return route.fallback();
      fixture.requests.push({ method, path, search: url.searchParams, headers: request.headers(), body: isJson ? body : raw?.length });
      const current = fixture.current();

      // ---- venue ----
      if (path === 'venue' && method === 'GET') return json(route, 200, current.venue, { etag: `"${current.version}"`, 'x-venue-version': String(current.version) });
      if (path === 'venue' && method === 'PUT') {
        const match = request.headers()['if-match'];
        if (match && match !== `"${current.version}"`) return error(route, 409, 'stale_version', 'the venue changed since', [{ path: 'version', message: `current is ${current.version}` }]);
        const problems = venueProblems(body);
        if (problems.length) return error(route, 400, 'invalid_venue', 'the venue is not valid', problems);
        return publishAnswer(route, body as Venue, url.searchParams.get('confirmRemoval') === 'true');
      }
      if (path === 'venue/versions' && method === 'GET') {
        return json(route, 200, { current: current.version, versions: fixture.versions.map(({ venue, ...rest }) => ({ ...rest, counts: { zones: venue.zones.length, stands: venue.stands.length, gates: venue.gates.length } })) });
      }
      if (segments[0] === 'venue' && segments[1] === 'versions' && segments[2]) {
        const found = fixture.versions.find((version) => version.version === Number(segments[2]));
        if (!found) return error(route, 404, 'not_found', 'no such version');
        if (method === 'GET' && !segments[3]) return json(route, 200, { version: found.version, publishedAt: found.publishedAt, by: found.by, venue: found.venue });
        if (method === 'POST' && segments[3] === 'publish') return publishAnswer(route, found.venue, (body as { confirmRemoval?: boolean } | null)?.confirmRemoval === true, found.version);
      }
      if (path === 'venue/plan' && method === 'PUT') {
        const type = request.headers()['content-type'] ?? '';
        if (!['image/png', 'image/jpeg', 'image/webp'].includes(type)) return error(route, 415, 'unsupported_image', 'PNG, JPEG or WebP');
        if (!raw || raw.length > 15 * 1024 * 1024) return error(route, 413, 'too_large', 'at most 15 MB');
        const size = pngSize(raw);
        if (!size) return error(route, 400, 'invalid_image', 'not an image');
        const image = createHash('sha256').update(raw).digest('hex');
        fixture.plans.set(image, raw);
        fixture.audit.unshift({ at: now(), by: admin, action: 'venue.plan', image });
        return json(route, 201, { image, ...size });
      }
      if (segments[0] === 'venue' && segments[1] === 'plan' && segments[2] && method === 'GET') {
        const bytes = fixture.plans.get(segments[2]);
        return bytes ? route.fulfill({ status: 200, contentType: 'image/png', body: bytes }) : error(route, 404, 'not_found', 'unknown image');
      }

      // ---- people ----
      if (path === 'admin/users' && method === 'GET') return json(route, 200, { users: fixture.users.map(({ password: _password, ...user }) => user) });
      if (path === 'admin/users' && method === 'POST') {
        const user = body as { username: string; role: string; password: string };
        if (typeof user.password !== 'string' || user.password.length < 10) return error(route, 400, 'invalid_request', 'password: at least 10 characters', [{ path: 'password', message: 'at least 10 characters' }]);
        if (fixture.users.some((known) => known.username === user.username)) return error(route, 409, 'exists', `${user.username} exists`);
        fixture.users.push({ username: user.username, role: user.role, disabled: false, sessions: 0, password: user.password });
        fixture.audit.unshift({ at: now(), by: admin, action: 'user.add', username: user.username });
        return json(route, 201, { username: user.username, role: user.role });
      }
      if (segments[0] === 'admin' && segments[1] === 'users' && segments[2]) {
        const user = fixture.users.find((known) => known.username === segments[2]);
        if (!user) return error(route, 404, 'not_found', 'no such user');
        const enabledAdmins = fixture.users.filter((known) => known.role === 'admin' && !known.disabled);
        const lastAdmin = user.role === 'admin' && !user.disabled && enabledAdmins.length === 1;
        if (method === 'DELETE') {
          if (lastAdmin) return error(route, 409, 'last_admin', 'the last enabled admin cannot be removed');
          fixture.users = fixture.users.filter((known) => known !== user);
          return route.fulfill({ status: 204 });
        }
        if (method === 'PATCH') {
          const change = body as { role?: string; disabled?: boolean; password?: string };
          if (lastAdmin && (change.disabled === true || (change.role && change.role !== 'admin'))) return error(route, 409, 'last_admin', 'the last enabled admin cannot be disabled or demoted');
          if (change.password !== undefined && change.password.length < 10) return error(route, 400, 'invalid_request', 'password: at least 10 characters');
          Object.assign(user, change, { sessions: 0 });
          fixture.sessions = fixture.sessions.filter((session) => session.username !== user.username);
          return json(route, 200, { username: user.username, role: user.role, disabled: user.disabled });
        }
      }
      if (path === 'admin/sessions' && method === 'GET') return json(route, 200, { sessions: fixture.sessions });
      if (segments[0] === 'admin' && segments[1] === 'sessions' && segments[2] && method === 'DELETE') {
        fixture.sessions = fixture.sessions.filter((session) => session.id !== segments[2]);
        return route.fulfill({ status: 204 });
      }
      if (path === 'admin/devices' && method === 'GET') return json(route, 200, { devices: fixture.devices.map(({ key: _key, ...device }) => device) });
      const provisioning = (id: string, key: string) => `https://fair.example/#/provision?page=tally&gate=${encodeURIComponent(id)}&key=${key}`;
      if (path === 'admin/devices' && method === 'POST') {
        const device = body as { id: string; gates?: string[] | '*'; stands?: string[] | '*' };
        if (fixture.devices.some((known) => known.id === device.id)) return error(route, 409, 'exists', `${device.id} exists`);
        const key = `key-${fixture.devices.length}-${Date.now()}`;
        fixture.devices.push({ ...device, lastReportAt: null, key });
        return json(route, 201, { id: device.id, key, provisioningUrl: provisioning(device.id, key) });
      }
      if (segments[0] === 'admin' && segments[1] === 'devices' && segments[2]) {
        const device = fixture.devices.find((known) => known.id === segments[2]);
        if (!device) return error(route, 404, 'not_found', 'no such device');
        if (method === 'POST' && segments[3] === 'rotate') {
          device.key = `rotated-${Date.now()}`;
          return json(route, 200, { id: device.id, key: device.key, provisioningUrl: provisioning(device.id, device.key) });
        }
        if (method === 'DELETE') {
          fixture.devices = fixture.devices.filter((known) => known !== device);
          return route.fulfill({ status: 204 });
        }
      }

      // ---- audit ----
      if (path === 'audit' && method === 'GET') {
        const q = url.searchParams;
        const entries = fixture.audit.filter(
          (entry) => (!q.get('by') || entry.by === q.get('by')) && (!q.get('action') || entry.action.startsWith(q.get('action')!)) && (!q.get('since') || entry.at >= q.get('since')!) && (!q.get('until') || entry.at <= q.get('until')!),
        );
        if (q.get('format') === 'csv') {
          const rows = entries.map(({ at, by, action, ip, ...details }) => [at, by, action, ip ?? '', JSON.stringify(details)].map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(','));
          return route.fulfill({ status: 200, contentType: 'text/csv', body: ['at,by,action,ip,details', ...rows].join('\r\n') });
        }
        return json(route, 200, { entries: entries.slice(0, Number(q.get('limit') ?? 100)) });
      }
      return error(route, 404, 'not_found', `fixture has no ${method} ${path}`);
    },
  );
  return fixture;
}
