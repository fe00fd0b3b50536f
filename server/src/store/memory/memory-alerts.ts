import type { Alert } from '@fairwatch/protocol';
import { alertChangeOf } from '../../domain/zone-alerts.ts';
import type { LocalChangeBus } from '../local-change-bus.ts';
import type { AlertRepository, RaiseOutcome } from '../store.ts';
import type { MemoryLog } from './memory-log.ts';

/** Crowd-safety alerts in memory, one active per condition key. */
export class MemoryAlerts implements AlertRepository {
  private readonly alerts = new Map<string, Alert>();
  /** Active alert id per condition key. */
  private readonly activeAlerts = new Map<string, string>();

  constructor(
    private readonly log: MemoryLog,
    private readonly bus: LocalChangeBus,
  ) {}

  async raiseAlert(alert: Alert, key: string, nowMs: number): Promise<RaiseOutcome> {
    const activeId = this.activeAlerts.get(key);
    const existing = activeId ? this.alerts.get(activeId) : undefined;
    if (existing) return { raised: false, existing };
    this.alerts.set(alert.id, alert);
    this.activeAlerts.set(key, alert.id);
    this.log.append({ type: 'alert', atMs: nowMs, alert });
    this.bus.publish({ kind: 'alert', alert, change: 'raised' });
    return { raised: true };
  }

  async replaceAlert(expected: Alert, next: Alert, nowMs: number, releaseKey?: string): Promise<boolean> {
    const stored = this.alerts.get(expected.id);
    if (!stored || JSON.stringify(stored) !== JSON.stringify(expected)) return false;
    this.alerts.set(next.id, next);
    if (releaseKey && this.activeAlerts.get(releaseKey) === next.id) this.activeAlerts.delete(releaseKey);
    this.log.append({ type: 'alert', atMs: nowMs, alert: next });
    this.bus.publish({ kind: 'alert', alert: next, change: alertChangeOf(expected, next) });
    return true;
  }

  async listAlerts(): Promise<Alert[]> {
    return [...this.alerts.values()];
  }
}
