import type { Incident } from '@fairwatch/protocol';
import { alarmSound } from '../alarm-sound.svelte.ts';
import { alertFor, type IncidentAlert } from './alerts-rules.ts';

export type { IncidentAlert };

/**
 * The control room's alarms: a banner per new critical or escalated incident (until dismissed or
 * handled) and a sound (`alarmSound`, the control room's one sound switch).
 */
export class IncidentAlerts {
  active = $state.raw<IncidentAlert[]>([]);

  observe(previous: Incident | undefined, incident: Incident): void {
    // A handled incident takes its banner away.
    if (incident.status !== 'open') this.dismiss(incident.id);
    const alert = alertFor(previous, incident, Date.now());
    if (!alert) return;
    this.active = [alert, ...this.active.filter((known) => known.incident.id !== incident.id)];
    alarmSound.beep('incident', alert.kind === 'critical' ? 3 : 2);
  }

  dismiss(id: string): void {
    if (this.active.some((alert) => alert.incident.id === id)) this.active = this.active.filter((alert) => alert.incident.id !== id);
  }
}
