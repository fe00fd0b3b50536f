import { diffSnapshots, type Delta, type Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { venueReader, type VenueSource } from './live-venue.ts';
import { buildFigures, type Figures } from '../domain/live-figures.ts';
import type { FloorState } from '../domain/floor-state.ts';
import { withSensorHealth } from '../domain/sensor-health.ts';
import { CrowdSafety } from '../domain/crowd-safety.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import type { Logger } from '../log.ts';
import { StoreUnavailableError, type Store } from '../store/store.ts';

export interface FeedEvents {
  delta(delta: Delta): void;
  /** The store could not be read: the figures are the last known ones until `resumed`. */
  paused(since: Date): void;
  resumed(at: Date): void;
}

export interface FiguresFeedOptions {
  gateOfflineMs: number;
  /** Re-read the store at least this often even without a change notification (missed messages, a new day). */
  fullRefreshMs: number;
  now?: () => Date;
  /** Fair minutes per minute of counts (the demo's simulator speed); 1 by default. */
  flowTimeScale?: number;
}

/**
 * This instance's view of the live figures, numbered by `seq`. Every change of a figure becomes one
 * delta with the next seq, so a client that applies the deltas in order to its snapshot holds exactly
 * what `GET /stats` answers at that seq. Work is serialised: one refresh or flush at a time.
 */
export class FiguresFeed {
  private floor: FloorState | null = null;
  private figures: Figures | null = null;
  private seq = 0;
  private at = new Date(0).toISOString();
  private dirty = true;
  private lastRefresh = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;
  /** Since when the store could not be read, or null while it can. */
  private pausedSince: Date | null = null;
  /** The snapshot of the published seq that sockets share (see `published`), made on first demand. */
  private shared: Snapshot | null = null;
  readonly #venueOf: () => Venue;
  #safety: { venue: Venue; safety: CrowdSafety } | null = null;

  constructor(
    private readonly store: Store,
    venue: VenueSource,
    private readonly events: FeedEvents,
    private readonly logger: Logger,
    private readonly options: FiguresFeedOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.#venueOf = venueReader(venue);
  }

  /** The venue served now (a published version applies at the next refresh). */
  private get venue(): Venue {
    return this.#venueOf();
  }

  /** Flow, time to clear and forecast (issue 18), added to the figures at every flush; anew for a new venue. */
  get crowdSafety(): CrowdSafety {
    const venue = this.venue;
    if (this.#safety?.venue !== venue) this.#safety = { venue, safety: new CrowdSafety(venue, this.options.flowTimeScale ?? 1) };
    return this.#safety.safety;
  }

  /** Gates closed for real, as last read from the store. */
  closedGates(): ReadonlySet<string> {
    return new Set(Object.keys(this.floor?.closedGates ?? {}));
  }

  /** Something was written: the next tick re-reads the store. */
  markDirty(): void {
    this.dirty = true;
  }

  /** One tick: re-read when needed, then publish a delta if any figure changed (time alone included). */
  tick(): Promise<void> {
    return this.serialised(async () => {
      const now = this.now();
      if (this.dirty || now.getTime() - this.lastRefresh >= this.options.fullRefreshMs) {
        try {
          await this.refresh(now);
        } catch (error) {
          // Keep serving the last known figures; the next tick tries again.
          this.logger.warn({ err: String(error) }, 'could not refresh the live figures');
        }
      }
      this.flush(now);
    });
  }

  /**
   * The figures as they are in the store now (publishing their delta first), for GET /stats and
   * resync. While the store cannot be read: the last known figures, marked stale.
   */
  current(): Promise<Snapshot> {
    return this.serialised(async () => {
      const now = this.now();
      try {
        await this.refresh(now);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || !this.figures) throw error;
        this.flush(now);
        return { ...this.snapshot(), stale: true };
      }
      this.flush(now);
      return this.snapshot();
    });
  }

  /**
   * For a socket that just connected: the figures at the last published seq, provided that nothing was
   * written since the store was last read (and that read is younger than `fullRefreshMs`), so that they
   * hold all that this instance knows the store to hold; otherwise null (then `current()`). Figures that
   * change with time alone go out with the next tick's delta, as to every other socket. Synchronous, so
   * that the caller can send it and join the room of deltas with no delta in between. One frozen object
   * per seq, shared by every socket that connects at that seq: a connection storm (dashboards coming
   * back after a network blip) neither reads the store nor copies the figures per socket, and the socket
   * server serialises it once.
   */
  published(): Snapshot | null {
    if (!this.figures || this.dirty || this.pausedSince || this.now().getTime() - this.lastRefresh >= this.options.fullRefreshMs) return null;
    // The published figures are replaced, never changed, by `flush`: they can be shared without a copy.
    if (this.shared?.seq !== this.seq) this.shared = Object.freeze({ seq: this.seq, at: this.at, ...this.figures });
    return this.shared;
  }

  /** The last published figures, without reading the store. */
  latest(): Snapshot | null {
    return this.figures ? this.snapshot() : null;
  }

  /** When the last delta went out (ms), to pace the next one. */
  get lastDeltaMs(): number {
    return Date.parse(this.at);
  }

  /** Since when the figures are the last known ones (the store cannot be read), or null. */
  get paused(): Date | null {
    return this.pausedSince;
  }

  private async refresh(now: Date): Promise<void> {
    this.dirty = false;
    try {
      this.floor = await this.store.readFloor(venueDay(now, this.venue.timezone), now.getTime());
      this.lastRefresh = now.getTime();
    } catch (error) {
      this.dirty = true;
      if (!this.pausedSince) {
        this.pausedSince = now;
        this.events.paused(now);
      }
      throw error;
    }
    if (this.pausedSince) {
      this.pausedSince = null;
      this.events.resumed(now);
    }
  }

  private flush(now: Date): void {
    if (!this.floor) return;
    const base = withSensorHealth(buildFigures(this.floor, this.venue, now, this.options), this.floor, this.venue, now.getTime(), this.options.gateOfflineMs);
    const next = this.crowdSafety.apply(base, this.closedGates(), this.floor.recentCrossings ?? [], now.getTime(), venueDay(now, this.venue.timezone));
    if (this.figures === null) {
      this.figures = next;
      this.seq = 1;
      this.at = now.toISOString();
      return;
    }
    const changed = diffSnapshots(this.figures, next);
    if (!changed) return;
    this.figures = next;
    this.seq += 1;
    this.at = now.toISOString();
    this.events.delta({ seq: this.seq, at: this.at, ...changed });
  }

  private snapshot(): Snapshot {
    if (!this.figures) throw new Error('no figures yet');
    return { seq: this.seq, at: this.at, ...structuredClone(this.figures) };
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
