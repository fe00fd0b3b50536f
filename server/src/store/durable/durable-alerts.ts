import type { Alert } from '@fairwatch/protocol';
import { alertChangeOf } from '../../domain/zone-alerts.ts';
import type { AlertRepository, RaiseOutcome } from '../store.ts';
import type { DurableConcern, DurableParts } from './durable-parts.ts';
import type { DurableLog } from './durable-log.ts';
import { RecordKey } from './records.ts';

/** Crowd-safety alerts in memory (`alert:<id>` records) and the active one per condition (`active:<key>`). */
export class DurableAlerts implements AlertRepository, DurableConcern {
  private alerts = new Map<string, Alert>();
  /** Active alert id per condition key. */
  private activeAlerts = new Map<string, string>();

  constructor(
    private readonly parts: DurableParts,
    private readonly log: DurableLog,
  ) {}

  reset(): void {
    this.alerts = new Map();
    this.activeAlerts = new Map();
  }

  restore(kind: string, rest: string, value: unknown): boolean {
    if (kind === 'alert') this.alerts.set(rest, value as Alert);
    else if (kind === 'active') this.activeAlerts.set(rest, value as string);
    else return false;
    return true;
  }

  async raiseAlert(alert: Alert, key: string, nowMs: number): Promise<RaiseOutcome> {
    this.parts.writable();
    const activeId = this.activeAlerts.get(key);
    const existing = activeId ? this.alerts.get(activeId) : undefined;
    if (existing) {
      await this.parts.commit();
      return { raised: false, existing };
    }
    this.alerts.set(alert.id, alert);
    this.activeAlerts.set(key, alert.id);
    this.parts.writer.put(this.parts.state, RecordKey.alert(alert.id), alert);
    this.parts.writer.put(this.parts.state, RecordKey.activeAlert(key), alert.id);
    this.log.append({ type: 'alert', atMs: nowMs, alert });
    await this.parts.commit();
    this.parts.publish({ kind: 'alert', alert, change: 'raised' });
    return { raised: true };
  }

  async replaceAlert(expected: Alert, next: Alert, nowMs: number, releaseKey?: string): Promise<boolean> {
    this.parts.writable();
    const stored = this.alerts.get(expected.id);
    if (!stored || JSON.stringify(stored) !== JSON.stringify(expected)) return false;
    this.alerts.set(next.id, next);
    this.parts.writer.put(this.parts.state, RecordKey.alert(next.id), next);
    if (releaseKey && this.activeAlerts.get(releaseKey) === next.id) {
      this.activeAlerts.delete(releaseKey);
      this.parts.writer.remove(this.parts.state, RecordKey.activeAlert(releaseKey));
    }
    this.log.append({ type: 'alert', atMs: nowMs, alert: next });
    await this.parts.commit();
    this.parts.publish({ kind: 'alert', alert: next, change: alertChangeOf(expected, next) });
    return true;
  }

  async listAlerts(): Promise<Alert[]> {
    return [...this.alerts.values()];
  }
}
