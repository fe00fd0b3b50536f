import Router from '@koa/router';
import { FLOOR_ROLES, IncidentAssignment, IncidentNote, type StaffMember } from '@fairwatch/protocol';
import { addNote, assignIncident } from '../domain/incident-steps.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';
import { RESPONDERS } from './incidents.routes.ts';
import { updateIncident } from './incident-update.ts';

/**
 * Extensions of the contract beside PATCH (which answers 409 to a repeated status with a new note):
 * notes, (re)assignment, and the staff list to assign from.
 */
export function incidentStepRoutes({ store, credentials, sessions, now, audit }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);

  // Everyone who may sign in and see incidents: the demo accounts (the roles) or the accounts file's
  // users, without stewards (they count at the gates and see no incident).
  router.get('/api/v1/staff', staff, (ctx) => {
    const members: StaffMember[] = credentials.users().filter((member) => (FLOOR_ROLES as readonly string[]).includes(member.role));
    ctx.body = { staff: members.sort((a, b) => a.username.localeCompare(b.username)) };
  });

  router.post('/api/v1/incidents/:id/notes', responders, async (ctx) => {
    const note = await readBody(ctx, IncidentNote);
    const by = sessionOf(ctx).username;
    const { incident, changed } = await updateIncident(store, ctx.params.id ?? '', (current) => addNote(current, note, by, now().toISOString()));
    // The note's id, not its text: the audit log says who wrote when; the incident keeps what.
    if (changed) audit(ctx, { by, action: 'incident-note', incident: incident.id, note: note.id });
    ctx.status = changed ? 201 : 200;
    ctx.body = incident;
  });

  router.post('/api/v1/incidents/:id/assignment', responders, async (ctx) => {
    const { assignee } = await readBody(ctx, IncidentAssignment);
    if (assignee !== null && credentials.roleOf(assignee) === null) {
      throw new ApiError('unknown_reference', `no staff member "${assignee}"`, [{ path: 'assignee', message: `unknown staff member "${assignee}"` }]);
    }
    const by = sessionOf(ctx).username;
    const { incident, changed } = await updateIncident(store, ctx.params.id ?? '', (current) => assignIncident(current, assignee, by, now().toISOString()));
    if (changed) audit(ctx, { by, action: 'incident-assigned', incident: incident.id, assignee });
    ctx.body = incident;
  });

  return router;
}
