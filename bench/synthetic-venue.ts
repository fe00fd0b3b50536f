import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseVenue, type Venue } from '@fairwatch/venue';

const STANDS_PER_ZONE = 200; // 10 columns x 20 rows of 5 x 4 m stands with 2 m aisles
const ZONE_W = 80;
const ZONE_H = 125;
const ZONES_PER_ROW = 5;

const text = (en: string) => ({ ar: `${en} (ar)`, fr: `${en} (fr)`, en });

/**
 * A large, valid venue: exhibit halls of 200 stands each on a grid, an entrance gate per hall and
 * passages between neighbouring halls. Validated with the product's own `parseVenue`.
 */
export function syntheticVenue(standCount: number): Venue {
  const zoneCount = Math.max(1, Math.ceil(standCount / STANDS_PER_ZONE));
  const rows = Math.ceil(zoneCount / ZONES_PER_ROW);
  const width = ZONE_W * Math.min(zoneCount, ZONES_PER_ROW);
  const height = ZONE_H * rows;
  const zones = [];
  const stands = [];
  const gates = [];
  for (let z = 0; z < zoneCount; z++) {
    const x0 = (z % ZONES_PER_ROW) * ZONE_W;
    const y0 = Math.floor(z / ZONES_PER_ROW) * ZONE_H;
    const id = `hall-${z + 1}`;
    zones.push({
      id,
      name: text(`Hall ${z + 1}`),
      kind: 'exhibit' as const,
      polygon: [[x0, y0], [x0 + ZONE_W, y0], [x0 + ZONE_W, y0 + ZONE_H], [x0, y0 + ZONE_H]] as Array<[number, number]>,
      areaM2: ZONE_W * ZONE_H,
      capacity: ZONE_W * ZONE_H * 2,
      thresholds: { busy: 1, crowded: 2, critical: 3.5 },
    });
    for (let s = 0; s < STANDS_PER_ZONE && stands.length < standCount; s++) {
      const sx = x0 + 6 + (s % 10) * 7;
      const sy = y0 + 3 + Math.floor(s / 10) * 6;
      stands.push({
        id: `S-${z + 1}-${s + 1}`,
        zone: id,
        name: text(`Stand ${z + 1}-${s + 1}`),
        polygon: [[sx, sy], [sx + 5, sy], [sx + 5, sy + 4], [sx, sy + 4]] as Array<[number, number]>,
      });
    }
    if (y0 === 0 || z % ZONES_PER_ROW === 0) {
      gates.push({ id: `gate-${z + 1}`, name: text(`Gate ${z + 1}`), from: null, to: id, position: (y0 === 0 ? [x0 + ZONE_W / 2, 0] : [0, y0 + ZONE_H / 2]) as [number, number] });
    }
    if (z % ZONES_PER_ROW > 0) {
      gates.push({ id: `pass-${z}-${z + 1}`, name: text(`Passage ${z}-${z + 1}`), from: `hall-${z}`, to: id, position: [x0, y0 + ZONE_H / 2] as [number, number] });
    }
  }
  return parseVenue({ id: `synthetic-${standCount}`, name: text(`Synthetic venue of ${standCount} stands`), timezone: 'Africa/Casablanca', width, height, zones, stands, gates });
}

/** Writes the venue to a fresh temporary file (for VENUE_FILE) and returns its path. */
export function writeSyntheticVenue(venue: Venue): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fairwatch-bench-venue-')), `${venue.id}.json`);
  writeFileSync(file, JSON.stringify(venue));
  return file;
}
