import type { WhatIfAnswer } from '@fairwatch/protocol';
import { askWhatIf } from './egress-api.ts';

/**
 * The what-if planning view: a set of gates marked blocked on this screen only, and the server's answer
 * for it (the same egress model as the live figures). Leaving the view forgets the blocks.
 */
export class WhatIf {
  active = $state(false);
  blocked = $state.raw<ReadonlySet<string>>(new Set());
  answer = $state.raw<WhatIfAnswer | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  #asked = 0;

  open(): void {
    this.active = true;
    void this.refresh();
  }

  close(): void {
    this.active = false;
    this.blocked = new Set();
    this.answer = null;
    this.error = null;
  }

  toggle(gate: string): void {
    if (!this.active) return;
    const next = new Set(this.blocked);
    if (next.has(gate)) next.delete(gate);
    else next.add(gate);
    this.blocked = next;
    void this.refresh();
  }

  /** Asks again (after a toggle, or when the live figures moved); only the latest answer is kept. */
  async refresh(): Promise<void> {
    if (!this.active) return;
    const asked = ++this.#asked;
    this.loading = true;
    try {
      const answer = await askWhatIf([...this.blocked]);
      if (asked === this.#asked && this.active) {
        this.answer = answer;
        this.error = null;
      }
    } catch (error) {
      if (asked === this.#asked) this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (asked === this.#asked) this.loading = false;
    }
  }
}
