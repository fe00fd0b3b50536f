const SOUND_KEY = 'fairwatch.alarmSound';
/** The two switches this one replaces: whoever muted either keeps silence. */
const OLD_KEYS = ['fairwatch.alertSound', 'fairwatch.crowdAlertSound'];

function mutedAtStart(): boolean {
  const saved = localStorage.getItem(SOUND_KEY);
  if (saved !== null) return saved === 'off';
  return OLD_KEYS.some((key) => localStorage.getItem(key) === 'off');
}

export type AlarmTone = 'incident' | 'crowd';

/**
 * The control room's one sound switch, for crowd alerts and incident alarms alike (remembered on this
 * machine). The tones are synthesised: nothing to download, works offline; browsers allow them once the
 * page has been clicked.
 */
class AlarmSound {
  muted = $state(mutedAtStart());
  #audio: AudioContext | undefined;

  toggle(): void {
    this.muted = !this.muted;
    localStorage.setItem(SOUND_KEY, this.muted ? 'off' : 'on');
    if (!this.muted) this.beep('incident', 1);
  }

  /** Incidents: a two-tone square wave; crowd alerts: a plain high beep. `times` repeats it. */
  beep(tone: AlarmTone, times: number): void {
    if (this.muted) return;
    try {
      this.#audio ??= new AudioContext();
      const audio = this.#audio;
      void audio.resume();
      const notes = tone === 'incident' ? times * 2 : times;
      for (let i = 0; i < notes; i++) {
        const start = audio.currentTime + i * (tone === 'incident' ? 0.22 : 0.35);
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = tone === 'incident' ? 'square' : 'sine';
        oscillator.frequency.value = tone === 'incident' ? (i % 2 ? 660 : 880) : 1040;
        gain.gain.setValueAtTime(0.15, start);
        gain.gain.exponentialRampToValueAtTime(0.001, start + 0.2);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(start);
        oscillator.stop(start + 0.2);
      }
    } catch {
      // No audio (a locked-down kiosk): the banners still stand out.
    }
  }
}

export const alarmSound = new AlarmSound();
