import type { EscalationPolicy } from '@fairwatch/venue';
import { dueForEscalation } from '../domain/incident-escalation.ts';
import { SYSTEM_ACTOR, markEscalated } from '../domain/incident-steps.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { PeriodicPass } from './periodic-pass.ts';

/**
 * Looks at the open incidents now and then and flags those past the venue's escalation time. Every
 * instance may run one: the flag is written by compare-and-set, so only one write wins and the
 * `incident` change it makes reaches every dashboard through the store's bus.
 */
export class IncidentEscalationWatch {
  readonly #passes: PeriodicPass<number>;
  /** The venue's escalation minutes now (a published version applies at the next pass). */
  readonly #policyOf: () => EscalationPolicy;

  constructor(
    private readonly store: Store,
    policy: EscalationPolicy | (() => EscalationPolicy),
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {
    this.#policyOf = typeof policy === 'function' ? policy : () => policy;
    this.#passes = new PeriodicPass(() => this.#escalate(), 0, (error) => this.logger.debug({ err: String(error) }, 'escalation check skipped'));
  }

  start(intervalMs: number): void {
    this.#passes.start(intervalMs);
  }

  stop(): void {
    this.#passes.stop();
  }

  /** One pass, with the number of incidents it escalated; a store outage is logged and the next pass tries again. */
  check(): Promise<number> {
    return this.#passes.run();
  }

  async #escalate(): Promise<number> {
    let escalated = 0;
    const nowDate = this.now();
    for (const incident of dueForEscalation(await this.store.listIncidents(), this.#policyOf(), nowDate.getTime())) {
      const outcome = markEscalated(incident, nowDate.toISOString());
      if (outcome.kind === 'changed' && (await this.store.replaceIncident(incident, outcome.incident, outcome.incident.history.at(-1)!))) {
        escalated++;
        this.logger.warn({ incident: incident.id, severity: incident.severity }, 'incident escalated: not acknowledged in time');
        // Every incident step is audited; this one is the server's own (no address).
        const entry = { at: nowDate.toISOString(), by: SYSTEM_ACTOR, action: 'incident-escalated', incident: incident.id };
        await this.store.appendAudit(entry).catch((error: unknown) => this.logger.warn({ err: String(error), audit: entry }, 'audit entry not stored'));
      }
    }
    return escalated;
  }
}
