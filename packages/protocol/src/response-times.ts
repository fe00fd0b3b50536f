import type { Incident } from './incidents.ts';

/** How long an incident waited: to its first acknowledgement and to its resolution, in milliseconds. */
export interface ResponseTimes {
  /** Opening to acknowledgement; null while not acknowledged. A direct `open → resolved` counts its resolution. */
  toAcknowledgeMs: number | null;
  /** Opening to resolution; null while not resolved. */
  toResolveMs: number | null;
}

type Timed = Pick<Incident, 'createdAt' | 'history'>;

/**
 * Response times of one incident, from its history alone (a pure function: the server and the
 * dashboard read the same figures). Only status steps count; notes, photos and assignments do not.
 */
export function responseTimes(incident: Timed): ResponseTimes {
  const opened = Date.parse(incident.createdAt);
  const firstStep = (status: string) => incident.history.find((step) => step.status === status && step.kind === undefined);
  const acknowledged = firstStep('acknowledged');
  const resolved = firstStep('resolved');
  const since = (step: { at: string } | undefined) => (step ? Math.max(0, Date.parse(step.at) - opened) : null);
  return { toAcknowledgeMs: since(acknowledged ?? resolved), toResolveMs: since(resolved) };
}

/** The median of some durations, or null when there are none. */
export function medianMs(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (!known.length) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
}
