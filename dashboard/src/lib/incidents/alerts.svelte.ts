import type { Incident } from '@fairwatch/protocol';
import { alertFor, type IncidentAlert } from './alerts-rules.ts';

export type { IncidentAlert };

const SOUND_KEY = 'fairwatch.alertSound';

/**
 * The control room's alarms: a banner per new critical or escalated incident (until dismissed or
 * handled) and a sound, which the user may mute; the choice is remembered on this machine.
 */
export class IncidentAlerts {
  active = $state.raw<IncidentAlert[]>([]);
  muted = $state(localStorage.getItem(SOUND_KEY) === 'off');
  #audio: AudioContext | undefined;

  observe(previous: Incident | undefined, incident: Incident): void {
    // A handled incident takes its banner away.
    if (incident.status !== 'open') this.dismiss(incident.id);
    const alert = alertFor(previous, incident, Date.now());
    if (!alert) return;
    this.active = [alert, ...this.active.filter((known) => known.incident.id !== incident.id)];
    this.#beep(alert.kind === 'critical' ? 3 : 2);
  }

  dismiss(id: string): void {
    if (this.active.some((alert) => alert.incident.id === id)) this.active = this.active.filter((alert) => alert.incident.id !== id);
  }

  toggleSound(): void {
    this.muted = !this.muted;
    localStorage.setItem(SOUND_KEY, this.muted ? 'off' : 'on');
    if (!this.muted) this.#beep(1);
  }

  // A synthesised two-tone beep: nothing to download, works offline. Browsers allow it after a click.
  #beep(times: number): void {
    if (this.muted) return;
    try {
      this.#audio ??= new AudioContext();
      const audio = this.#audio;
      void audio.resume();
      for (let i = 0; i < times * 2; i++) {
        const start = audio.currentTime + i * 0.22;
        const tone = audio.createOscillator();
        const gain = audio.createGain();
        tone.type = 'square';
        tone.frequency.value = i % 2 ? 660 : 880;
        gain.gain.setValueAtTime(0.15, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + 0.2);
        tone.connect(gain).connect(audio.destination);
        tone.start(start);
        tone.stop(start + 0.2);
      }
    } catch {
      // No audio (a locked-down kiosk): the banner is still there.
    }
  }
}
