/** A clock that moves only when the test says so: what `createApp({ now })` and the watches read. */
export class ManualClock {
  #ms: number;

  constructor(startMs: number) {
    this.#ms = startMs;
  }

  readonly now = (): Date => new Date(this.#ms);

  get ms(): number {
    return this.#ms;
  }

  advance(ms: number): void {
    this.#ms += ms;
  }
}
