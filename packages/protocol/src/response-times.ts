import type { Incident } from './incidents.ts';

/** How long an incident waited: to its first acknowledgement and to its resolution, in milliseconds. */
export interface ResponseTimes {
  /** Opening to acknowledgement; null while not acknowledged. A direct `open → resolved` counts its resolution. */
  toAcknowledgeMs: number | null;
  /** Opening to resolution; null while not resolved (a reopened incident waits again). */
  toResolveMs: number | null;
}

type Opened = Pick<Incident, 'createdAt'> & Partial<Pick<Incident, 'loggedAt'>>;
type Timed = Opened & Pick<Incident, 'history'> & Partial<Pick<Incident, 'status'>>;

/**
 * When the incident began for the people waiting on it: the time the phone logged it (kept while the
 * phone was offline), never later than the server received it (a phone clock a little ahead).
 */
export function openedAt(incident: Opened): string {
  if (!incident.loggedAt) return incident.createdAt;
  return Date.parse(incident.loggedAt) < Date.parse(incident.createdAt) ? incident.loggedAt : incident.createdAt;
}

/** How long an incident has waited at `nowMs`; never negative (the screen's clock may lag the server's). */
export function waitedMs(incident: Opened, nowMs: number): number {
  return Math.max(0, nowMs - Date.parse(openedAt(incident)));
}

/**
 * Response times of one incident, from its history alone (a pure function: the server and the
 * dashboard read the same figures), counted from `openedAt`. Only status steps count; notes, photos,
 * assignments and reopenings do not.
 */
export function responseTimes(incident: Timed): ResponseTimes {
  const opened = Date.parse(openedAt(incident));
  const statusSteps = incident.history.filter((step) => step.kind === undefined);
  const acknowledged = statusSteps.find((step) => step.status === 'acknowledged');
  const stillResolved = incident.status === undefined || incident.status === 'resolved';
  const resolved = stillResolved ? statusSteps.findLast((step) => step.status === 'resolved') : undefined;
  const firstResolved = statusSteps.find((step) => step.status === 'resolved');
  const since = (step: { at: string } | undefined) => (step ? Math.max(0, Date.parse(step.at) - opened) : null);
  return { toAcknowledgeMs: since(acknowledged ?? firstResolved), toResolveMs: since(resolved) };
}

/** The median of some durations, or null when there are none. */
export function medianMs(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null).sort((a, b) => a - b);
  if (!known.length) return null;
  const middle = Math.floor(known.length / 2);
  return known.length % 2 ? known[middle]! : (known[middle - 1]! + known[middle]!) / 2;
}
