import type { Incident } from '@fairwatch/protocol';
import type { ChangeOutcome } from '../domain/incident-workflow.ts';
import { ApiError } from '../http/errors.ts';
import type { Store } from '../store/store.ts';

/** Tries of a compare-and-set before giving up on a busy incident. */
const MAX_CAS_TRIES = 8;

/**
 * Reads an incident, applies a pure step to it and stores the result only if nobody changed it
 * meanwhile (compare and set), retrying on a race. Unknown id: 404; a refused step: 409.
 */
export async function updateIncident(store: Store, id: string, step: (current: Incident) => ChangeOutcome): Promise<{ incident: Incident; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_CAS_TRIES; attempt++) {
    const current = await store.getIncident(id);
    if (!current) throw new ApiError('not_found', `no incident ${id}`);
    const outcome = step(current);
    if (outcome.kind === 'conflict') throw new ApiError(outcome.code ?? 'conflict', outcome.reason);
    if (outcome.kind === 'unchanged') return { incident: outcome.incident, changed: false };
    if (await store.replaceIncident(current, outcome.incident, outcome.incident.history.at(-1)!)) return { incident: outcome.incident, changed: true };
  }
  throw new ApiError('conflict', 'the incident is being changed by others; retry');
}
