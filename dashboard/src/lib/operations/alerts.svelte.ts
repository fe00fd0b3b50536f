import type { Alert } from '@fairwatch/protocol';
import { getJson } from '../api.ts';

const SOUND_KEY = 'fairwatch.crowdAlertSound';

/**
 * The crowd-safety alerts of the floor: the list from GET /api/v1/alerts, fetched again on every
 * (re)connect, merged with the `alert:*` events. Critical alerts beep (mutable, remembered here).
 */
export class CrowdAlerts {
  list = $state.raw<Alert[]>([]);
  muted = $state(localStorage.getItem(SOUND_KEY) === 'off');
  active = $derived(this.list.filter((alert) => alert.clearedAt === null));
  /** Critical threshold alerts not yet acknowledged: what must stand out across the room. */
  alarming = $derived(this.active.filter((alert) => alert.level === 'critical' && alert.kind === 'threshold' && !alert.acknowledgedAt));
  #audio: AudioContext | undefined;

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
    if (change === 'raised' && alert.level === 'critical') this.beep(3);
    else if (change === 'raised' && alert.level === 'crowded') this.beep(1);
  }

  toggleSound(): void {
    this.muted = !this.muted;
    localStorage.setItem(SOUND_KEY, this.muted ? 'off' : 'on');
  }

  beep(times: number): void {
    if (this.muted) return;
    try {
      this.#audio ??= new AudioContext();
      const audio = this.#audio;
      for (let i = 0; i < times; i++) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.frequency.value = 1040;
        gain.gain.value = 0.15;
        oscillator.connect(gain).connect(audio.destination);
        const start = audio.currentTime + i * 0.35;
        oscillator.start(start);
        oscillator.stop(start + 0.2);
      }
    } catch {
      // no audio device: the banner still stands out
    }
  }
}
