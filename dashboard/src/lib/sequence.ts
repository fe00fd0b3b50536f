import { openedAt, type Incident } from '@fairwatch/protocol';

/**
 * What to do with a delta, given the `seq` of the figures we hold (null before the first snapshot):
 * apply the very next one, drop one we already have, and ask for a fresh snapshot when one went missing.
 */
export type DeltaVerdict = 'apply' | 'stale' | 'gap';

export function judgeDelta(heldSeq: number | null, deltaSeq: number): DeltaVerdict {
  if (heldSeq === null) return 'gap';
  if (deltaSeq <= heldSeq) return 'stale';
  return deltaSeq === heldSeq + 1 ? 'apply' : 'gap';
}

/**
 * Incidents merged by id, the most recently updated version winning, newest first. The list fetched over
 * HTTP and the `incident` events race each other; whichever arrives last must not undo the other.
 */
export function mergeIncidents(current: readonly Incident[], incoming: readonly Incident[]): Incident[] {
  const byId = new Map(current.map((incident) => [incident.id, incident]));
  for (const incident of incoming) {
    const known = byId.get(incident.id);
    if (!known || Date.parse(incident.updatedAt) >= Date.parse(known.updatedAt)) byId.set(incident.id, incident);
  }
  return [...byId.values()].sort((a, b) => Date.parse(openedAt(b)) - Date.parse(openedAt(a)));
}
