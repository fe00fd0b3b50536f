import Router from '@koa/router';
import type { Alert } from '@fairwatch/protocol';
import { acknowledge } from '../domain/zone-alerts.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { Store } from '../store/store.ts';
import type { RouteDeps } from './context.ts';
import { RESPONDERS } from './incidents.routes.ts';

/** Newest first; active ones before cleared ones. */
function ordered(alerts: Alert[]): Alert[] {
  return alerts.sort((a, b) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.raisedAt.localeCompare(a.raisedAt));
}

/**
 * Acknowledges an alert (who, when) by compare-and-set, retried when another instance changed it
 * meanwhile. A repeat changes nothing and answers the alert as it is. Shared by the HTTP route and
 * the `alert:acknowledge` socket command.
 */
export async function acknowledgeAlert(store: Store, id: string, by: string, now: Date): Promise<{ alert: Alert; changed: boolean }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = (await store.listAlerts()).find((alert) => alert.id === id);
    if (!current) throw new ApiError('not_found', `no alert "${id}"`);
    const outcome = acknowledge(current, by, now.toISOString());
    if (outcome.kind === 'unchanged') return { alert: current, changed: false };
    if (await store.replaceAlert(current, outcome.alert, now.getTime())) return { alert: outcome.alert, changed: true };
  }
  throw new ApiError('conflict', `alert "${id}" keeps changing; try again`);
}

/** Extensions of the contract (issue 3): the crowd-safety alerts and their acknowledgement. */
export function alertRoutes({ store, credentials, sessions, audit, now }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const responders = requireStaff(sessions, credentials, RESPONDERS);

  // ?active=true: only alerts whose condition still holds.
  router.get('/api/v1/alerts', staff, async (ctx) => {
    const all = await store.listAlerts();
    ctx.body = { alerts: ordered(ctx.query.active === 'true' ? all.filter((alert) => alert.clearedAt === null) : all) };
  });

  router.post('/api/v1/alerts/:id/acknowledge', responders, async (ctx) => {
    const by = sessionOf(ctx).username;
    const { alert, changed } = await acknowledgeAlert(store, ctx.params.id ?? '', by, now());
    if (changed) audit(ctx, { by, action: 'alert.acknowledge', alert: alert.id, zone: alert.zone, level: alert.level });
    ctx.body = alert;
  });
  return router;
}
