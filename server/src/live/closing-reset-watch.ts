import type { ClosingReset, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { closingResetDue, DEFAULT_DRIFT_SHARE } from '../domain/floor-watch.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { reportDrift } from './drift-alerts.ts';
import { PeriodicPass } from './periodic-pass.ts';
import { venueReader, type VenueSource } from './live-venue.ts';

export const CLOSING_RESET_ACTION = 'floor.closing-reset';
export const CLOSING_RESET_BY = 'closing-reset';

/** The last closing reset, from the audit log (shared by every instance, kept across restarts). */
export async function lastClosingReset(store: Store): Promise<ClosingReset | null> {
  const entry = (await store.listAudit(500)).find((candidate) => candidate.action === CLOSING_RESET_ACTION);
  if (!entry) return null;
  return { at: entry.at, day: String(entry.day ?? ''), residue: (entry.residue ?? {}) as Record<string, number> };
}

/**
 * The nightly reset of venues with `closingReset`: once the reset time of a venue day has passed, every
 * zone still counted above zero is set to zero (a head count of nobody, through the store: logged,
 * published), the residue goes to the audit log, and a zone whose residue is beyond `driftShare` of its
 * capacity raises a `drift` alert, so ten days of counting errors do not pile up. The audit entry says
 * the day is done, for this instance after a restart and for the others.
 */
export class ClosingResetWatch {
  readonly #passes: PeriodicPass<void>;
  #doneDay: string | null = null;
  readonly #venueOf: () => Venue;

  constructor(
    private readonly store: Store,
    venue: VenueSource,
    private readonly latest: () => Snapshot | null,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {
    this.#venueOf = venueReader(venue);
    this.#passes = new PeriodicPass(() => this.#run(), undefined, (error) => this.logger.warn({ err: String(error) }, 'closing reset deferred'));
  }

  /** The venue served now: a version that adds or drops `closingReset` applies at the next pass. */
  private get venue(): Venue {
    return this.#venueOf();
  }

  start(intervalMs: number): void {
    this.#passes.start(intervalMs);
  }

  stop(): void {
    this.#passes.stop();
  }

  /** One pass (tests drive it with an injected clock). */
  check(): Promise<void> {
    return this.#passes.run();
  }

  async #run(): Promise<void> {
    const now = this.now();
    const nowMs = now.getTime();
    if (!this.venue.closingReset) return;
    const day = closingResetDue(this.venue, nowMs);
    if (!day || this.#doneDay === day) return;
    if ((await lastClosingReset(this.store))?.day === day) {
      this.#doneDay = day;
      return;
    }
    const floor = await this.store.readFloor(day, nowMs);
    const residue: Record<string, number> = {};
    const context = { by: CLOSING_RESET_BY, note: 'automatic reset at closing time', nowMs, nowIso: now.toISOString(), today: day };
    for (const zone of this.venue.zones) {
      const counted = floor.occupancy[zone.id] ?? 0;
      if (counted <= 0) continue;
      const { before } = await this.store.recountZone(zone.id, 0, context);
      residue[zone.id] = before;
    }
    await this.store.appendAudit({ at: now.toISOString(), by: CLOSING_RESET_BY, action: CLOSING_RESET_ACTION, day, residue });
    const figures = this.latest()?.zones;
    for (const zone of this.venue.zones) {
      const counted = residue[zone.id] ?? 0;
      if (counted > 0) await reportDrift(this.store, zone, { counted, actual: 0, source: 'closing' }, this.venue.driftShare ?? DEFAULT_DRIFT_SHARE, figures?.[zone.id], nowMs);
    }
    this.#doneDay = day;
    this.logger.info({ day, residue }, 'floor reset to zero at closing time');
  }
}
