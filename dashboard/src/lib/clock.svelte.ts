/** The current time, ticking every 15 s: enough for "3 min ago" without re-rendering every second. */
class Clock {
  now = $state(Date.now());

  constructor() {
    setInterval(() => (this.now = Date.now()), 15_000);
  }
}

export const clock = new Clock();
