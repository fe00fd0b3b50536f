import type { Alert } from '@fairwatch/protocol';
import { alertChangeOf } from '../../domain/zone-alerts.ts';
import type { RedisAccess } from '../redis-access.ts';
import { SCRIPTS } from '../redis-scripts.ts';
import type { AlertRepository, RaiseOutcome } from '../store.ts';

/** Crowd-safety alerts in Redis: one active per condition key, raised and replaced by scripts (lua/raise-alert.lua, lua/replace-alert.lua). */
export class RedisAlerts implements AlertRepository {
  constructor(private readonly access: RedisAccess) {}

  async raiseAlert(alert: Alert, key: string, nowMs: number): Promise<RaiseOutcome> {
    const nowIso = new Date(nowMs).toISOString();
    const existing = await this.access.script<string | null>(SCRIPTS.raiseAlert, [JSON.stringify({
      prefix: this.access.prefix, id: alert.id, alert: JSON.stringify(alert), key, logMax: this.access.logMax, nowIso, nowMs: String(nowMs),
    })]);
    return existing ? { raised: false, existing: JSON.parse(existing) as Alert } : { raised: true };
  }

  async replaceAlert(expected: Alert, next: Alert, nowMs: number, releaseKey?: string): Promise<boolean> {
    const replaced = await this.access.script<number>(SCRIPTS.replaceAlert, [JSON.stringify({
      prefix: this.access.prefix, id: next.id, expected: JSON.stringify(expected), next: JSON.stringify(next), releaseKey: releaseKey ?? '', change: alertChangeOf(expected, next),
      logMax: this.access.logMax, nowIso: new Date(nowMs).toISOString(), nowMs: String(nowMs),
    })]);
    return replaced === 1;
  }

  async listAlerts(): Promise<Alert[]> {
    const all = await this.access.guard(() => this.access.client.hVals(`${this.access.prefix}alerts`));
    return all.map((json) => JSON.parse(json) as Alert);
  }
}
