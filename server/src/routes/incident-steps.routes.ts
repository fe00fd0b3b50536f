import Router from '@koa/router';
import { FLOOR_ROLES, IncidentAssignment, IncidentNote, type StaffMember } from '@fairwatch/protocol';
import { actorOf, requireStaff } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { RESPONDERS } from '../services/actor.ts';
import type { RouteDeps } from './context.ts';

/**
 * Extensions of the contract beside PATCH (which answers 409 to a repeated status with a new note):
 * notes, (re)assignment, and the staff list to assign from.
 */
export function incidentStepRoutes({ services, credentials, sessions }: RouteDeps): Router {
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
    const { incident, changed } = await services.incidents.addNote(actorOf(ctx), ctx.params.id ?? '', await readBody(ctx, IncidentNote));
    ctx.status = changed ? 201 : 200;
    ctx.body = incident;
  });

  router.post('/api/v1/incidents/:id/assignment', responders, async (ctx) => {
    const { assignee } = await readBody(ctx, IncidentAssignment);
    ctx.body = await services.incidents.assign(actorOf(ctx), ctx.params.id ?? '', assignee);
  });

  return router;
}
