import type { Alert } from '@fairwatch/protocol';
import { alarmSound } from '../alarm-sound.svelte.ts';
import { getJson } from '../api.ts';

/**
 * The crowd-safety alerts of the floor: the list from GET /api/v1/alerts, fetched again on every
 * (re)connect, merged with the `alert:*` events. Critical and crowded alerts beep (`alarmSound`, the one switch).
 * `active` is what the panel lists and counts; `ended` is its collapsed history.
 */
export class CrowdAlerts {
  list = $state.raw<Alert[]>([]);
  active = $derived(this.list.filter((alert) => alert.clearedAt === null));
  ended = $derived(this.list.filter((alert) => alert.clearedAt !== null));
  /** Critical threshold alerts not yet acknowledged: what must stand out across the room. */
  alarming = $derived(this.active.filter((alert) => alert.level === 'critical' && alert.kind === 'threshold' && !alert.acknowledgedAt));

  async load(): Promise<void> {
    try {
      const { alerts } = await getJson<{ alerts: Alert[] }>('/api/v1/alerts');
      this.list = alerts;
    } catch {
      // offline: the next (re)connect loads again
    }
  }

  upsert(alert: Alert, change: string): void {
    this.list = [alert, ...this.list.filter((known) => known.id !== alert.id)].sort(
      (a, b) => Number(a.clearedAt !== null) - Number(b.clearedAt !== null) || b.raisedAt.localeCompare(a.raisedAt),
    );
    if (change === 'raised' && alert.level === 'critical') alarmSound.beep('crowd', 3);
    else if (change === 'raised' && alert.level === 'crowded') alarmSound.beep('crowd', 1);
  }
}
