import type { Alert } from '@fairwatch/protocol';
import { acknowledge } from '../domain/zone-alerts.ts';
import { ApiError } from '../http/errors.ts';
import type { AlertRepository } from '../store/store.ts';
import { requireRole, RESPONDERS, type Actor } from './actor.ts';
import type { AuditTrail } from './audit-trail.ts';

/** Tries of a compare-and-set before giving up on an alert others keep changing. */
const MAX_CAS_TRIES = 5;

/** Newest first; active ones before cleared ones. */
function ordered(alerts: Alert[]): Alert[] {
  return alerts.sort((a, b) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.raisedAt.localeCompare(a.raisedAt));
}

/** Crowd-safety alerts as staff see and acknowledge them (the HTTP routes and the `alert:acknowledge` command). */
export class AlertService {
  constructor(private readonly deps: { store: AlertRepository; audit: AuditTrail; now: () => Date }) {}

  async list(activeOnly: boolean): Promise<Alert[]> {
    const all = await this.deps.store.listAlerts();
    return ordered(activeOnly ? all.filter((alert) => alert.clearedAt === null) : all);
  }

  /**
   * Acknowledges an alert (who, when) by compare-and-set, retried when another instance changed it
   * meanwhile. A repeat changes nothing and answers the alert as it is; only a real change is audited.
   */
  async acknowledge(actor: Actor, id: string): Promise<Alert> {
    requireRole(actor, RESPONDERS);
    const { store, audit, now } = this.deps;
    for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
      const current = (await store.listAlerts()).find((alert) => alert.id === id);
      if (!current) throw new ApiError('not_found', `no alert "${id}"`);
      const at = now();
      const outcome = acknowledge(current, actor.username, at.toISOString());
      if (outcome.kind === 'unchanged') return current;
      if (await store.replaceAlert(current, outcome.alert, at.getTime())) {
        audit.record(actor, 'alert.acknowledge', { alert: current.id, zone: current.zone, level: current.level });
        return outcome.alert;
      }
    }
    throw new ApiError('conflict', `alert "${id}" keeps changing; try again`);
  }
}
