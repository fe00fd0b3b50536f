/**
 * SIMULATED_CLOCK (development only): the server's clock reads `startMs` when the process starts and
 * runs `factor` times as fast as the real one, so that days of a fair (roll-ups, raw retention, id
 * TTLs) pass in seconds. Counted from the process's start (performance.timeOrigin) so that every
 * reader in the process agrees, and a client that knows that instant can compute the same time.
 */
export interface SimulatedClock {
  startMs: number;
  /** Clock milliseconds per real millisecond. */
  factor: number;
}

/** "<start>x<factor>", e.g. "2022-10-10T08:00:00Zx3600"; null when the text is not one. */
export function parseSimulatedClock(text: string): SimulatedClock | null {
  const match = /^(\d{4}-\d{2}-\d{2}(?:T[^x]+)?)x(\d+(?:\.\d+)?)$/.exec(text.trim());
  const startMs = Date.parse(match?.[1] ?? '');
  const factor = Number(match?.[2]);
  return Number.isFinite(startMs) && factor > 0 ? { startMs, factor } : null;
}

/** The simulated time `elapsedMs` real milliseconds after the process started. */
export function simulatedTimeMs(clock: SimulatedClock, elapsedMs: number): number {
  return clock.startMs + elapsedMs * clock.factor;
}

/** The server's clock: the real one, or the simulated one. */
export function serverClock(simulated: SimulatedClock | null): () => Date {
  return simulated ? () => new Date(simulatedTimeMs(simulated, performance.now())) : () => new Date();
}
