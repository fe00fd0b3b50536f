import type { Venue } from '@fairwatch/venue';

/** A venue as its consumers take it: fixed (tests, tools) or read anew at each use (the live one). */
export type VenueSource = Venue | (() => Venue);

/** The function that gives the venue to use now. */
export function venueReader(source: VenueSource): () => Venue {
  return typeof source === 'function' ? source : () => source;
}

/**
 * The venue this instance serves now, and its version (issue 16). One holder per instance: a publish
 * on any instance reaches each one's holder through the store's bus, and every consumer (figures,
 * watches, routes, connectors) reads `current()` at its next use, so a version applies without a
 * restart. Figures are keyed by zone, gate and stand ids: a renamed item keeps its figures, and a
 * removed id's figures stay in the store but are no longer shown.
 */
export class LiveVenue {
  #venue: Venue;
  #version: number;
  readonly #listeners = new Set<(venue: Venue, version: number) => void>();

  constructor(venue: Venue, version: number) {
    this.#venue = venue;
    this.#version = version;
  }

  current(): Venue {
    return this.#venue;
  }

  version(): number {
    return this.#version;
  }

  /** Serves `venue` as `version` if it is newer than the one served; true when it was applied. */
  apply(venue: Venue, version: number): boolean {
    if (version <= this.#version) return false;
    this.#venue = venue;
    this.#version = version;
    for (const listener of this.#listeners) listener(venue, version);
    return true;
  }

  onChange(listener: (venue: Venue, version: number) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The current venue as a source that follows the changes. */
  get source(): () => Venue {
    return () => this.#venue;
  }
}
