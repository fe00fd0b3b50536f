import type { Venue } from '@fairwatch/venue';

/** What the versions list shows of a published venue (issue 16). */
export interface VenueVersionSummary {
  version: number;
  publishedAt: string;
  by: string;
  note?: string;
  /** The version this one republished (a roll back). */
  restoredFrom?: number;
  counts: { zones: number; stands: number; gates: number };
}

/** A published venue version as stored: its summary and the whole venue. */
export interface StoredVenueVersion extends VenueVersionSummary {
  venue: Venue;
}

/** A floor-plan image, stored once under the sha256 of its bytes. */
export interface StoredImage {
  type: string;
  data: Buffer;
}

/**
 * The venue's versions and floor-plan images (issue 16): a small persistence interface each store
 * implements (embedded, Redis, the durable one) with no rules of its own; the rules live in
 * domain/venue-versions.ts. Versions are numbered 1, 2, 3... with no gaps; the current one is the
 * newest.
 */
export interface VenueRepository {
  /** The current version's number; 0 before the first publish. */
  currentVersion(): Promise<number>;
  /**
   * Stores `record` (numbered `basedOn + 1`) and makes it current, atomically, only if the current
   * version is still `basedOn`; then announces `{ kind: 'venue', version }` on the store's bus.
   * false: another publish came first, nothing was stored.
   */
  appendVersion(basedOn: number, record: StoredVenueVersion): Promise<boolean>;
  readVersion(version: number): Promise<StoredVenueVersion | null>;
  /** Summaries, newest first, at most `limit`. */
  listVersions(limit: number): Promise<VenueVersionSummary[]>;
  /** Forgets the versions numbered below `version` (the list stays bounded). */
  dropVersionsBelow(version: number): Promise<void>;
  putImage(sha256: string, image: StoredImage): Promise<void>;
  getImage(sha256: string): Promise<StoredImage | null>;
  /** How many images are stored (uploads are bounded). */
  countImages(): Promise<number>;
}

/** The summary part of a stored version. */
export function summaryOf(record: StoredVenueVersion): VenueVersionSummary {
  const { venue: _venue, ...summary } = record;
  return summary;
}
