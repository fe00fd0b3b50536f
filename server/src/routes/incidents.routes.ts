import Router from '@koa/router';
import { IncidentChange, IncidentQuery, IncidentReopen, IncidentReport, MAX_LOGGED_AHEAD_MS, type ErrorDetail, type Incident, type Role } from '@fairwatch/protocol';
import { changeIncident, judgeLoggedAt, openIncident, reopenIncident, reportFingerprint } from '../domain/incident-workflow.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';
import { updateIncident } from './incident-update.ts';

/** Roles that log and handle incidents. */
export const RESPONDERS: readonly Role[] = ['security', 'operations', 'admin'];
/** Roles that may reopen a resolved incident: those who dispatch, not the guard who closed it. */
export const REOPENERS: readonly Role[] = ['operations', 'admin'];
/** Tries of a compare-and-set before giving up on a busy incident. */
const MAX_CAS_TRIES = 8;

const newestFirst = (a: Incident, b: Incident) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** POST, PATCH and GET /incidents: the incident workflow. */
export function incidentRoutes({ store, credentials, sessions, venue, now, audit }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);
  const reopeners = requireStaff(sessions, credentials, REOPENERS);
  const zones = new Set(venue.zones.map((zone) => zone.id));
  const stands = new Set(venue.stands.map((stand) => stand.id));

  router.post('/api/v1/incidents', responders, async (ctx) => {
    const report = await readBody(ctx, IncidentReport);
    const unknown: ErrorDetail[] = [];
    if (report.zone !== undefined && !zones.has(report.zone)) unknown.push({ path: 'zone', message: `unknown zone "${report.zone}"` });
    if (report.stand !== undefined && !stands.has(report.stand)) unknown.push({ path: 'stand', message: `unknown stand "${report.stand}"` });
    if (unknown.length) throw new ApiError('unknown_reference', 'the incident names what the venue does not have', unknown);

    const received = now().toISOString();
    if (judgeLoggedAt(report.loggedAt, received) === 'ahead') {
      throw new ApiError('clock_skew', 'the incident is logged in the future; check the phone\'s clock', [
        { path: 'loggedAt', message: `more than ${MAX_LOGGED_AHEAD_MS / 60_000} minutes ahead of the server's clock` },
      ]);
    }
    const fingerprint = reportFingerprint(report);
    const incident = openIncident(report, sessionOf(ctx).username, received);
    const outcome = await store.createIncident(incident, fingerprint);
    if (outcome.created) {
      audit(ctx, { by: incident.reportedBy, action: 'incident-logged', incident: incident.id, severity: incident.severity });
      ctx.status = 201;
      ctx.body = incident;
    } else if (outcome.fingerprint === fingerprint) {
      ctx.status = 200;
      ctx.body = outcome.existing;
    } else {
      throw new ApiError('conflict', `incident ${report.id} exists with other fields; use a new id`);
    }
  });

  router.patch('/api/v1/incidents/:id', responders, async (ctx) => {
    const change = await readBody(ctx, IncidentChange);
    const by = sessionOf(ctx).username;
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
      const current = await store.getIncident(ctx.params.id ?? '');
      if (!current) throw new ApiError('not_found', `no incident ${ctx.params.id}`);
      const outcome = changeIncident(current, change, by, now().toISOString());
      if (outcome.kind === 'conflict') throw new ApiError('conflict', outcome.reason);
      if (outcome.kind === 'unchanged' || (await store.replaceIncident(current, outcome.incident))) {
        if (outcome.kind === 'changed') audit(ctx, { by, action: `incident-${change.status}`, incident: current.id });
        ctx.body = outcome.incident;
        return;
      }
    }
    throw new ApiError('conflict', 'the incident is being changed by others; retry');
  });

  // An extension beside PATCH (whose rules stay the contract's: nothing leaves "resolved" there).
  router.post('/api/v1/incidents/:id/reopen', reopeners, async (ctx) => {
    const reopen = await readBody(ctx, IncidentReopen);
    const by = sessionOf(ctx).username;
    const { incident, changed } = await updateIncident(store, ctx.params.id ?? '', (current) => reopenIncident(current, reopen, by, now().toISOString()));
    if (changed) audit(ctx, { by, action: 'incident-reopened', incident: incident.id });
    ctx.body = incident;
  });

  router.get('/api/v1/incidents', staff, async (ctx) => {
    const query = IncidentQuery.safeParse(ctx.query);
    if (!query.success) throw ApiError.invalid(query.error, 'a filter has a value incidents cannot have');
    const all = await store.listIncidents();
    const { status, severity, type, zone, assignee } = query.data;
    const matches = (incident: Incident) =>
      (!status || incident.status === status) &&
      (!severity || incident.severity === severity) &&
      (!type || incident.type === type) &&
      (!zone || incident.zone === zone) &&
      (!assignee || incident.assignee === assignee);
    ctx.body = { incidents: all.filter(matches).sort(newestFirst) };
  });

  return router;
}
