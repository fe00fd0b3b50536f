import { describe, expect, it } from 'vitest';
import committed from '../src/fes-2022.json' with { type: 'json' };
import { buildFesVenue, SAFE_CAPACITY_FACTOR } from '../scripts/fes-layout.ts';
import { formatVenueJson } from '../scripts/format-json.ts';
import { bounds, fesVenue, indexVenue, parseVenue, pointInPolygon, pointOnBoundary, polygonArea, polygonInside } from '../src/index.ts';
import type { Gate, Point, Venue } from '../src/index.ts';

/** Zone ids people can reach from outside, walking through gates in either direction. */
function reachableZones(venue: Venue): Set<string> {
  const reached = new Set<string>();
  const queue: Array<string | null> = [null];
  for (let place = queue.shift(); place !== undefined; place = queue.shift()) {
    for (const gate of venue.gates) {
      const other = gate.from === place ? gate.to : gate.to === place ? gate.from : undefined;
      if (other !== undefined && other !== null && !reached.has(other)) {
        reached.add(other);
        queue.push(other);
      }
    }
  }
  return reached;
}

function onOuterWall(venue: Venue, [x, y]: Point): boolean {
  return x === 0 || y === 0 || x === venue.width || y === venue.height;
}

describe('the bundled Fes 2022 venue', () => {
  const index = indexVenue(fesVenue);

  it('is the layout the generator computes (run scripts/generate-fes.ts after changing it)', () => {
    expect(parseVenue(committed)).toEqual(fesVenue);
    expect(formatVenueJson(committed)).toBe(formatVenueJson(buildFesVenue()));
  });

  it('covers about 4,000 m² with zones that tile the floor', () => {
    expect(fesVenue.width * fesVenue.height).toBe(4000);
    const total = fesVenue.zones.reduce((sum, zone) => sum + zone.areaM2, 0);
    expect(total).toBeCloseTo(4000, 1);
    // Every half-metre cell centre lies in exactly one zone: no gap, no overlap.
    const badCells: string[] = [];
    for (let x = 0.25; x < fesVenue.width; x += 0.5) {
      for (let y = 0.25; y < fesVenue.height; y += 0.5) {
        const holders = fesVenue.zones.filter((zone) => pointInPolygon([x, y], zone.polygon)).length;
        if (holders !== 1) badCells.push(`${x},${y} in ${holders} zones`);
      }
    }
    expect(badCells).toEqual([]);
  });

  it('declares each zone area as its polygon area rounded to 0.1 m²', () => {
    for (const zone of fesVenue.zones) {
      expect(zone.areaM2, zone.id).toBe(Math.round(polygonArea(zone.polygon) * 10) / 10);
    }
  });

  it('derives each capacity from area, crowded density and the safety factor', () => {
    for (const zone of fesVenue.zones) {
      expect(zone.capacity, zone.id).toBe(Math.floor(zone.areaM2 * zone.thresholds.crowded * SAFE_CAPACITY_FACTOR));
    }
  });

  it('has the zones other packages rely on, with their kinds', () => {
    expect(Object.fromEntries(fesVenue.zones.map((zone) => [zone.id, zone.kind]))).toEqual({
      'entrance-plaza': 'circulation',
      'central-promenade': 'circulation',
      'products-pole': 'exhibit',
      'international-pole': 'exhibit',
      'institutional-pole': 'exhibit',
      'caftan-stage': 'stage',
      'seminar-space': 'seminar',
      services: 'service',
    });
  });

  it('has 130 product stands P-001..P-130 that say what they show', () => {
    const products = index.standsOfZone('products-pole');
    expect(products).toHaveLength(130);
    expect(products.map((stand) => stand.id)).toEqual(Array.from({ length: 130 }, (_, i) => `P-${String(i + 1).padStart(3, '0')}`));
    for (const stand of products) {
      expect(stand.name.fr).toMatch(new RegExp(`^Stand ${stand.id} · Coopérative`));
      expect(stand.name.en).toMatch(new RegExp(`^Stand ${stand.id} · .+ cooperative$`));
      expect(stand.name.ar).toMatch(new RegExp(`^الجناح ${stand.id} · تعاونية`));
    }
  });

  it('hosts the four international delegations and the institutional stands', () => {
    expect(index.standsOfZone('international-pole').map((stand) => stand.id)).toEqual([
      'INT-CORSICA',
      'INT-PALESTINE',
      'INT-UAE',
      'INT-SENEGAL',
    ]);
    const institutional = index.standsOfZone('institutional-pole');
    expect(institutional.length).toBeGreaterThanOrEqual(6);
    expect(institutional.every((stand) => stand.id.startsWith('INS-'))).toBe(true);
  });

  it('places every stand inside its zone, without overlapping another stand', () => {
    for (const stand of fesVenue.stands) {
      const zone = index.zones.get(stand.zone);
      expect(zone && polygonInside(stand.polygon, zone.polygon), stand.id).toBe(true);
    }
    // Stands are rectangles, so two overlap exactly when their boxes' interiors do.
    const boxes = fesVenue.stands.map((stand) => ({ id: stand.id, box: bounds(stand.polygon), area: polygonArea(stand.polygon) }));
    const overlaps: string[] = [];
    boxes.forEach(({ id, box, area }, i) => {
      expect((box.maxX - box.minX) * (box.maxY - box.minY), `${id} is a rectangle`).toBeCloseTo(area, 9);
      for (const other of boxes.slice(i + 1)) {
        const b = other.box;
        if (box.minX < b.maxX && b.minX < box.maxX && box.minY < b.maxY && b.minY < box.maxY) overlaps.push(`${id}/${other.id}`);
      }
    });
    expect(overlaps).toEqual([]);
  });

  it('lets people reach every zone from outside, through gates only', () => {
    expect(reachableZones(fesVenue)).toEqual(new Set(fesVenue.zones.map((zone) => zone.id)));
    const entrances = fesVenue.gates.filter((gate) => gate.from === null || gate.to === null);
    expect(entrances.map((gate) => gate.id).sort()).toEqual(['main-gate', 'second-gate']);
  });

  it('puts every counting line on the boundary between its two zones, entrances on the outer wall', () => {
    const touches = (gate: Gate, zoneId: string | null) => {
      if (zoneId === null) return onOuterWall(fesVenue, gate.position);
      const zone = index.zones.get(zoneId);
      return zone !== undefined && pointOnBoundary(gate.position, zone.polygon);
    };
    for (const gate of fesVenue.gates) {
      expect(touches(gate, gate.from) && touches(gate, gate.to), gate.id).toBe(true);
    }
  });

  it('names the venue, every zone, stand and gate in Arabic, French and English', () => {
    const named = [fesVenue, ...fesVenue.zones, ...fesVenue.stands, ...fesVenue.gates];
    for (const { name } of named) {
      expect(name.ar).toMatch(/[\u0600-\u06FF]/);
      expect(name.fr).not.toBe(name.en);
    }
  });

  it('gives every gate a clear width and marks its two entrances as evacuation exits (issue 18)', () => {
    for (const gate of fesVenue.gates) expect(gate.widthM, gate.id).toBeGreaterThan(0);
    expect(fesVenue.gates.filter((gate) => gate.emergencyExit).map((gate) => gate.id).sort()).toEqual(['main-gate', 'second-gate']);
    expect(fesVenue.crowdFlow).toEqual({ exitFlowRate: 82, evacuationTargetMinutes: 8, gateFlowAlertLevel: 'E', gateFlowAlertMinutes: 2 });
  });

  it('says where its thresholds come from and when it opens', () => {
    expect(fesVenue.thresholdsSource).toMatch(/Fruin/);
    expect(fesVenue.thresholdsSource).toMatch(/Green Guide/);
    expect(fesVenue.openingHours).toEqual({ open: '10:00', close: '22:00' });
    expect(fesVenue.timezone).toBe('Africa/Casablanca');
  });
});
