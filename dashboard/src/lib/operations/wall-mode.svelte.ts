/**
 * The wall screen: `?wall` in the address (a kiosk's start page) or the toggle. No controls, larger type,
 * the clock and the connection always in view. The choice lives in the address, so a reload keeps it.
 */
class WallMode {
  on = $state(new URLSearchParams(location.search).has('wall'));

  constructor() {
    this.#apply();
  }

  set(on: boolean): void {
    this.on = on;
    const url = new URL(location.href);
    if (on) url.searchParams.set('wall', '');
    else url.searchParams.delete('wall');
    history.replaceState(history.state, '', `${url.pathname}${url.search.replace('wall=', 'wall')}${url.hash}`);
    this.#apply();
  }

  // Larger type everywhere in wall mode: app.css scales the root size under `html.wall`.
  #apply(): void {
    document.documentElement.classList.toggle('wall', this.on);
  }
}

export const wallMode = new WallMode();
