import { polygonArea, polygonInside } from './geometry.ts';
import type { Venue } from './schema.ts';

/** How far a zone's declared `areaM2` may stray from its polygon's area: a rounding margin, not a licence. */
const AREA_TOLERANCE = 0.01;

/** `items.3.id: duplicate ... id "x" (first at items.1)` for every repeated id. */
function duplicateIds(items: ReadonlyArray<{ id: string }>, collection: string): string[] {
  const firstIndex = new Map<string, number>();
  const problems: string[] = [];
  items.forEach(({ id }, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else problems.push(`${collection}.${index}.id: duplicate id "${id}" (first at ${collection}.${first})`);
  });
  return problems;
}

/**
 * The rules a venue must follow beyond its schema, as `path: message` lines (empty when all hold):
 * unique ids, stands inside existing zones, gates between existing zones, areas that match the
 * polygons, zones and gates on the floor. The schema has already checked the shapes.
 */
export function crossCheckVenue(venue: Venue): string[] {
  const problems = [
    ...duplicateIds(venue.zones, 'zones'),
    ...duplicateIds(venue.stands, 'stands'),
    ...duplicateIds(venue.gates, 'gates'),
  ];
  const zones = new Map(venue.zones.map((zone) => [zone.id, zone]));
  const onFloor = ([x, y]: readonly [number, number]) => x >= 0 && x <= venue.width && y >= 0 && y <= venue.height;
  const floor = `${venue.width} x ${venue.height} m`;

  venue.zones.forEach((zone, z) => {
    zone.polygon.forEach((vertex, v) => {
      if (!onFloor(vertex)) problems.push(`zones.${z}.polygon.${v}: [${vertex.join(', ')}] lies outside the floor (${floor})`);
    });
    const area = polygonArea(zone.polygon);
    if (Math.abs(zone.areaM2 - area) > AREA_TOLERANCE * area) {
      problems.push(`zones.${z}.areaM2: ${zone.areaM2} differs by more than 1% from the polygon's area (${round(area)})`);
    }
  });

  venue.stands.forEach((stand, s) => {
    const zone = zones.get(stand.zone);
    if (!zone) problems.push(`stands.${s}.zone: unknown zone "${stand.zone}"`);
    else if (!polygonInside(stand.polygon, zone.polygon)) {
      problems.push(`stands.${s}.polygon: stand "${stand.id}" lies outside its zone "${zone.id}"`);
    }
  });

  venue.gates.forEach((gate, g) => {
    for (const end of ['from', 'to'] as const) {
      const zoneId = gate[end];
      if (zoneId !== null && !zones.has(zoneId)) problems.push(`gates.${g}.${end}: unknown zone "${zoneId}"`);
    }
    if (gate.from === null && gate.to === null) problems.push(`gates.${g}: from and to cannot both be outside (null)`);
    if (gate.from !== null && gate.from === gate.to) problems.push(`gates.${g}.to: same zone as from ("${gate.to}")`);
    if (gate.emergencyExit === true && gate.from !== null && gate.to !== null) problems.push(`gates.${g}.emergencyExit: an emergency exit must lead outside (from or to null)`);
    if (!onFloor(gate.position)) problems.push(`gates.${g}.position: [${gate.position.join(', ')}] lies outside the floor (${floor})`);
  });
  (venue.programme ?? []).forEach((slot, p) => {
    if (!zones.has(slot.zone)) problems.push(`programme.${p}.zone: unknown zone "${slot.zone}"`);
  });
  problems.push(...duplicateIds(venue.programme ?? [], 'programme'));
  return problems;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
