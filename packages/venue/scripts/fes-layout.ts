import { polygonArea } from '../src/geometry.ts';
import type { Gate, Point, Polygon, Stand, Thresholds, Venue, Zone } from '../src/schema.ts';
import { fesProgramme } from './fes-programme.ts';
import {
  DELEGATIONS,
  ENTRANCE_NAMES,
  INSTITUTIONS,
  PLAZA_TO_PROMENADE_NAME,
  PRODUCT_LINES,
  THRESHOLDS_SOURCE,
  VENUE_NAME,
  ZONE_ENTRANCE_NAMES,
  ZONE_NAMES,
  type FesZoneId,
} from './fes-texts.ts';

// The floor plan of the Fes 2022 fair, computed from a few dimensions (metres, origin south-west).
// The announcement gives only the floor (4,000 m², one open space) and the three poles; everything
// below (the 80 x 50 m rectangle, where each zone sits, the stand sizes, gates) is our assumption.
//
// y=50 ┌───────────────────────────────────────────────────────────┐
//      │ products-pole: 130 stands of 3 x 3 m, 6 rows, 3 m aisles  │
// y=23 ├───────────────────────────────────────────────────────────┤
//      │ central-promenade                    second gate on west  │
// y=18 ├──────────┬──────────┬───────┬──────────┬───────┬──────────┤
//      │ intl.    │ instit.  │ plaza │ caftan   │seminar│ services │
// y=0  └──────────┴──────────┴─main──┴──────────┴───────┴──────────┘
//      x=0        18         36 gate 46         64      74         80

const WIDTH = 80;
const HEIGHT = 50;
const SOUTH_ROW_DEPTH = 18;
const PROMENADE_DEPTH = 5;
const PRODUCTS_SOUTH = SOUTH_ROW_DEPTH + PROMENADE_DEPTH;

/** Widths of the zones along the south wall, west to east; they fill the floor's width. */
const SOUTH_ROW: ReadonlyArray<readonly [FesZoneId, number]> = [
  ['international-pole', 18],
  ['institutional-pole', 18],
  ['entrance-plaza', 10],
  ['caftan-stage', 18],
  ['seminar-space', 10],
  ['services', 6],
];

/** Walking floors (EVENT.md's poles, promenade, seminars, services). See THRESHOLDS_SOURCE. */
const WALKING: Thresholds = { busy: 1.0, crowded: 2.0, critical: 3.5 };
/** The stage's audience stands still and packs closer, so its levels start higher. */
const STANDING: Thresholds = { busy: 2.0, crowded: 3.0, critical: 4.0 };
/**
 * Safe capacity = area x crowded density x this factor: a zone at its capacity is still "busy", and
 * the operations team has 25 % of the capacity left before the zone turns "crowded".
 */
export const SAFE_CAPACITY_FACTOR = 0.8;

/** Product stands: 3 x 3 m, in blocks of 6, 5, 5 and 6 along x, with 3 m cross aisles. */
const STAND_SIZE = 3;
const AISLE = 3;
const PRODUCT_BLOCKS = [6, 5, 5, 6];
const PRODUCT_MARGIN_X = 2.5;
/**
 * South edge of each row of product stands. The first row backs onto the promenade; then an aisle,
 * two rows back to back, an aisle, two rows back to back, an aisle, and a row against the north wall.
 */
const PRODUCT_ROWS_Y = [23, 29, 32, 38, 41, 47];

/** An axis-aligned rectangle, anticlockwise from its south-west corner. */
function rectangle(x: number, y: number, width: number, height: number): Polygon {
  return [
    [x, y],
    [x + width, y],
    [x + width, y + height],
    [x, y + height],
  ];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

function zone(id: FesZoneId, kind: Zone['kind'], polygon: Polygon, thresholds: Thresholds): Zone {
  const areaM2 = round1(polygonArea(polygon));
  const capacity = Math.floor(areaM2 * thresholds.crowded * SAFE_CAPACITY_FACTOR);
  return { id, name: ZONE_NAMES[id], kind, polygon, areaM2, capacity, thresholds };
}

const KIND: Record<FesZoneId, Zone['kind']> = {
  'entrance-plaza': 'circulation',
  'central-promenade': 'circulation',
  'products-pole': 'exhibit',
  'international-pole': 'exhibit',
  'institutional-pole': 'exhibit',
  'caftan-stage': 'stage',
  'seminar-space': 'seminar',
  services: 'service',
};

/** West edge of each south-row zone, by id. */
function southRowX(): Map<FesZoneId, number> {
  const west = new Map<FesZoneId, number>();
  let x = 0;
  for (const [id, width] of SOUTH_ROW) {
    west.set(id, x);
    x += width;
  }
  if (x !== WIDTH) throw new Error(`the south row is ${x} m wide, the floor ${WIDTH} m`);
  return west;
}

function buildZones(): Zone[] {
  const west = southRowX();
  const southZones = SOUTH_ROW.map(([id, width]) =>
    zone(id, KIND[id], rectangle(west.get(id) ?? 0, 0, width, SOUTH_ROW_DEPTH), id === 'caftan-stage' ? STANDING : WALKING),
  );
  return [
    southZones.find((z) => z.id === 'entrance-plaza') as Zone,
    zone('central-promenade', 'circulation', rectangle(0, SOUTH_ROW_DEPTH, WIDTH, PROMENADE_DEPTH), WALKING),
    zone('products-pole', 'exhibit', rectangle(0, PRODUCTS_SOUTH, WIDTH, HEIGHT - PRODUCTS_SOUTH), WALKING),
    ...southZones.filter((z) => z.id !== 'entrance-plaza'),
  ];
}

/** West edges of the 22 stand slots of a row, block after block. */
function productSlotsX(): number[][] {
  let x = PRODUCT_MARGIN_X;
  return PRODUCT_BLOCKS.map((count) => {
    const block = Array.from({ length: count }, (_, i) => x + i * STAND_SIZE);
    x += count * STAND_SIZE + AISLE;
    return block;
  });
}

function productStands(): Stand[] {
  const blocks = productSlotsX();
  const middle = blocks.length / 2;
  const stands: Stand[] = [];
  PRODUCT_ROWS_Y.forEach((y, row) => {
    blocks.forEach((block, b) => {
      // The front row leaves out the two stands beside the middle aisle: a 9 m wide way into the pole,
      // opposite the entrance plaza. That also brings the count to EVENT.md's 130.
      const slots = row > 0 ? block : b === middle - 1 ? block.slice(0, -1) : b === middle ? block.slice(1) : block;
      for (const x of slots) {
        const number = stands.length + 1;
        const code = `P-${String(number).padStart(3, '0')}`;
        const line = PRODUCT_LINES[(number - 1) % PRODUCT_LINES.length] as (typeof PRODUCT_LINES)[number];
        stands.push({
          id: code,
          zone: 'products-pole',
          name: { ar: `الجناح ${code} · ${line.ar}`, fr: `Stand ${code} · ${line.fr}`, en: `Stand ${code} · ${line.en}` },
          polygon: rectangle(x, y, STAND_SIZE, STAND_SIZE),
        });
      }
    });
  });
  return stands;
}

/** The four delegations: 6 x 6 m pavilions in a 2 x 2 grid with 3 m aisles. */
function internationalStands(west: number): Stand[] {
  const corners: Point[] = [
    [west + 1.5, 10.5],
    [west + 10.5, 10.5],
    [west + 1.5, 1.5],
    [west + 10.5, 1.5],
  ];
  return DELEGATIONS.map(({ id, name }, i) => {
    const [x, y] = corners[i] as Point;
    return { id, zone: 'international-pole', name, polygon: rectangle(x, y, 6, 6) };
  });
}

/** 4 x 4 m stands in a 3 x 3 grid with 2 m aisles; the front middle slot stays open as the way in. */
function institutionalStands(west: number): Stand[] {
  const slots: Point[] = [];
  for (const y of [13, 7, 1]) {
    for (const x of [west + 1, west + 7, west + 13]) {
      if (!(y === 13 && x === west + 7)) slots.push([x, y]);
    }
  }
  return INSTITUTIONS.map((name, i) => {
    const [x, y] = slots[i] as Point;
    const code = `INS-${String(i + 1).padStart(2, '0')}`;
    return {
      id: code,
      zone: 'institutional-pole',
      name: { ar: `الجناح ${code} · ${name.ar}`, fr: `Stand ${code} · ${name.fr}`, en: `Stand ${code} · ${name.en}` },
      polygon: rectangle(x, y, 4, 4),
    };
  });
}

/** The middle of a south-row zone's edge on the promenade. */
function onPromenade(id: FesZoneId): Point {
  const width = SOUTH_ROW.find(([zoneId]) => zoneId === id)?.[1] ?? 0;
  return [(southRowX().get(id) ?? 0) + width / 2, SOUTH_ROW_DEPTH];
}

/**
 * Clear widths of the openings (metres), an assumption like the gates themselves: the main gate takes
 * 6 m of the plaza's 10 m south wall, the second gate 4 m of the promenade's 5 m west end; the way into
 * the products pole is the 9 m gap left in its front row; the other lines are barrier openings sized to
 * their zone. They drive the flow per metre and the time to clear (issue 18).
 */
export const FES_GATE_WIDTHS: Readonly<Record<string, number>> = {
  'main-gate': 6,
  'second-gate': 4,
  'plaza-promenade': 8,
  'promenade-products': 9,
  'promenade-international': 6,
  'promenade-institutional': 4,
  'promenade-stage': 6,
  'promenade-seminar': 3,
  'promenade-services': 2,
};

function buildGates(): Gate[] {
  const [plazaX] = onPromenade('entrance-plaza');
  // `in` on these lines means entering the pole, stage or space from the promenade.
  const promenadeEntrance = (id: string, zoneId: keyof typeof ZONE_ENTRANCE_NAMES, position: Point): Gate => ({
    id,
    name: ZONE_ENTRANCE_NAMES[zoneId],
    from: 'central-promenade',
    to: zoneId,
    position,
  });
  const gates: Gate[] = [
    { id: 'main-gate', name: ENTRANCE_NAMES['main-gate'], from: null, to: 'entrance-plaza', position: [plazaX, 0], emergencyExit: true },
    {
      id: 'second-gate',
      name: ENTRANCE_NAMES['second-gate'],
      from: null,
      to: 'central-promenade',
      position: [0, SOUTH_ROW_DEPTH + PROMENADE_DEPTH / 2],
      emergencyExit: true,
    },
    {
      id: 'plaza-promenade',
      name: PLAZA_TO_PROMENADE_NAME,
      from: 'entrance-plaza',
      to: 'central-promenade',
      position: onPromenade('entrance-plaza'),
    },
    promenadeEntrance('promenade-products', 'products-pole', [WIDTH / 2, PRODUCTS_SOUTH]),
    promenadeEntrance('promenade-international', 'international-pole', onPromenade('international-pole')),
    promenadeEntrance('promenade-institutional', 'institutional-pole', onPromenade('institutional-pole')),
    promenadeEntrance('promenade-stage', 'caftan-stage', onPromenade('caftan-stage')),
    promenadeEntrance('promenade-seminar', 'seminar-space', onPromenade('seminar-space')),
    promenadeEntrance('promenade-services', 'services', onPromenade('services')),
  ];
  // Keys in the schema's order, as the committed JSON (written through parseVenue) has them.
  return gates.map(({ emergencyExit, ...gate }) => ({ ...gate, widthM: FES_GATE_WIDTHS[gate.id], ...(emergencyExit ? { emergencyExit } : {}) }));
}

/** The whole venue, as `src/fes-2022.json` ships it. */
export function buildFesVenue(): Venue {
  const west = southRowX();
  return {
    id: 'fes-ess-2022',
    name: VENUE_NAME,
    timezone: 'Africa/Casablanca',
    width: WIDTH,
    height: HEIGHT,
    // Not in the announcement (EVENT.md): an assumption, like the gates and capacities.
    openingHours: { open: '10:00', close: '22:00' },
    thresholdsSource: THRESHOLDS_SOURCE,
    // An assumption: a critical incident must be taken within 2 minutes, a high one within 5.
    escalation: { high: 5, critical: 2 },
    programme: fesProgramme(),
    // The UK Green Guide's figures (the defaults, written out so that the venue file says them).
    crowdFlow: { exitFlowRate: 82, evacuationTargetMinutes: 8, gateFlowAlertLevel: 'E', gateFlowAlertMinutes: 2 },
    zones: buildZones(),
    stands: [
      ...productStands(),
      ...internationalStands(west.get('international-pole') ?? 0),
      ...institutionalStands(west.get('institutional-pole') ?? 0),
    ],
    gates: buildGates(),
  };
}
