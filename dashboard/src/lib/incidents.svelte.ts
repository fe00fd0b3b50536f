import type { Incident } from '@fairwatch/protocol';
import { getJson } from './api.ts';
import { mergeIncidents } from './sequence.ts';

export type LoadState = 'loading' | 'ready' | 'error';

/** The incident list: fetched over HTTP, then kept current by `incident` events (upsert by id). */
export class IncidentStore {
  list = $state.raw<Incident[]>([]);
  state = $state<LoadState>('loading');

  async load(): Promise<void> {
    if (this.state !== 'ready') this.state = 'loading';
    try {
      const { incidents } = await getJson<{ incidents: Incident[] }>('/api/v1/incidents');
      this.list = mergeIncidents(this.list, incidents);
      this.state = 'ready';
    } catch {
      // Keep what we have; only an empty list shows the error.
      if (this.state !== 'ready') this.state = 'error';
    }
  }

  upsert(incident: Incident): void {
    this.list = mergeIncidents(this.list, [incident]);
  }
}
