import type { StoreChange } from './store.ts';
import { summaryOf, type StoredImage, type StoredVenueVersion, type VenueRepository, type VenueVersionSummary } from './venue-repository.ts';

/** The embedded store's venue versions and plan images: this process's memory. */
export class MemoryVenueRepository implements VenueRepository {
  private readonly versions = new Map<number, StoredVenueVersion>();
  private readonly images = new Map<string, StoredImage>();
  private current = 0;

  constructor(private readonly publish: (change: StoreChange) => void) {}

  async currentVersion(): Promise<number> {
    return this.current;
  }

  async appendVersion(basedOn: number, record: StoredVenueVersion): Promise<boolean> {
    if (this.current !== basedOn || record.version !== basedOn + 1) return false;
    this.versions.set(record.version, structuredClone(record));
    this.current = record.version;
    this.publish({ kind: 'venue', version: record.version });
    return true;
  }

  async readVersion(version: number): Promise<StoredVenueVersion | null> {
    const record = this.versions.get(version);
    return record ? structuredClone(record) : null;
  }

  async listVersions(limit: number): Promise<VenueVersionSummary[]> {
    return [...this.versions.values()].sort((a, b) => b.version - a.version).slice(0, limit).map(summaryOf);
  }

  async dropVersionsBelow(version: number): Promise<void> {
    for (const n of this.versions.keys()) if (n < version) this.versions.delete(n);
  }

  async putImage(sha256: string, image: StoredImage): Promise<void> {
    this.images.set(sha256, { type: image.type, data: Buffer.from(image.data) });
  }

  async getImage(sha256: string): Promise<StoredImage | null> {
    return this.images.get(sha256) ?? null;
  }

  async countImages(): Promise<number> {
    return this.images.size;
  }
}
