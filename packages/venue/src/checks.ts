import { polygonArea, polygonInside } from './geometry.ts';
import { Venue, VENUE_LIMITS, type Point, type Polygon } from './schema.ts';

/** How far a zone's declared `areaM2` may stray from its polygon's area: a rounding margin, not a licence. */
const AREA_TOLERANCE = 0.01;
/** A polygon smaller than this (m²) has no area to speak of: a line or a point drawn by mistake. */
const MIN_AREA_M2 = 0.01;

/** The codes of the rules beyond the schema (zod's own issue codes come alongside them). */
export type VenueIssueCode =
  | 'self_intersecting'
  | 'stand_outside_zone'
  | 'unknown_zone'
  | 'zero_area'
  | 'duplicate_id'
  | 'outside_floor'
  | 'area_mismatch'
  | 'invalid_gate'
  | 'too_many_vertices'
  | 'gate_too_wide'
  | (string & {});

/** One problem of a venue: where (a path into the venue document), what (a code) and a message for people. */
export interface VenueIssue {
  path: Array<string | number>;
  code: VenueIssueCode;
  message: string;
}

const issue = (path: Array<string | number>, code: VenueIssueCode, message: string): VenueIssue => ({ path, code, message });

/** `items.3.id: duplicate ... id "x" (first at items.1)` for every repeated id. */
function duplicateIds(items: ReadonlyArray<{ id: string }>, collection: string): VenueIssue[] {
  const firstIndex = new Map<string, number>();
  const problems: VenueIssue[] = [];
  items.forEach(({ id }, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else problems.push(issue([collection, index, 'id'], 'duplicate_id', `duplicate id "${id}" (first at ${collection}.${first})`));
  });
  return problems;
}

/** Which side of the line a→b the point c lies (sign of the cross product; 0 on it). */
function side([ax, ay]: Point, [bx, by]: Point, [cx, cy]: Point): number {
  const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return Math.abs(cross) < 1e-9 ? 0 : Math.sign(cross);
}

function onSegment(a: Point, b: Point, p: Point): boolean {
  return side(a, b, p) === 0 && p[0] >= Math.min(a[0], b[0]) && p[0] <= Math.max(a[0], b[0]) && p[1] >= Math.min(a[1], b[1]) && p[1] <= Math.max(a[1], b[1]);
}

/** Whether two segments meet (crossing, or one's end on the other). */
function segmentsMeet(a: Point, b: Point, c: Point, d: Point): boolean {
  const [abc, abd, cda, cdb] = [side(a, b, c), side(a, b, d), side(c, d, a), side(c, d, b)];
  if (abc * abd < 0 && cda * cdb < 0) return true;
  return onSegment(a, b, c) || onSegment(a, b, d) || onSegment(c, d, a) || onSegment(c, d, b);
}

/**
 * Whether a polygon's boundary crosses or touches itself (a bow tie, a loop), apart from neighbouring
 * edges sharing their vertex. O(n²) in vertices: polygons are bounded (VENUE_LIMITS.vertices).
 */
export function selfIntersects(polygon: Polygon): boolean {
  const n = polygon.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges (i, i+1) and (n-1, 0) share a vertex by construction.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(polygon[i]!, polygon[(i + 1) % n]!, polygon[j]!, polygon[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

/** Shape checks of one polygon: self-intersection and area. */
function polygonIssues(polygon: Polygon, path: Array<string | number>, what: string): VenueIssue[] {
  if (selfIntersects(polygon)) return [issue([...path, 'polygon'], 'self_intersecting', `the outline of ${what} crosses itself`)];
  if (polygonArea(polygon) < MIN_AREA_M2) return [issue([...path, 'polygon'], 'zero_area', `${what} has no area (its points lie on a line)`)];
  return [];
}

/**
 * The rules a venue must follow beyond its schema (empty when all hold): unique ids, simple polygons
 * with an area, stands inside existing zones, gates between existing zones, areas that match the
 * polygons, zones and gates on the floor. The schema has already checked the shapes.
 */
export function venueRuleIssues(venue: Venue): VenueIssue[] {
  const problems = [...duplicateIds(venue.zones, 'zones'), ...duplicateIds(venue.stands, 'stands'), ...duplicateIds(venue.gates, 'gates')];
  const zones = new Map(venue.zones.map((zone) => [zone.id, zone]));
  const simpleZones = new Set<string>();
  const onFloor = ([x, y]: readonly [number, number]) => x >= 0 && x <= venue.width && y >= 0 && y <= venue.height;
  const floor = `${venue.width} x ${venue.height} m`;

  venue.zones.forEach((zone, z) => {
    zone.polygon.forEach((vertex, v) => {
      if (!onFloor(vertex)) problems.push(issue(['zones', z, 'polygon', v], 'outside_floor', `[${vertex.join(', ')}] lies outside the floor (${floor})`));
    });
    const shape = polygonIssues(zone.polygon, ['zones', z], `zone "${zone.id}"`);
    problems.push(...shape);
    if (shape.length) return;
    simpleZones.add(zone.id);
    const area = polygonArea(zone.polygon);
    if (Math.abs(zone.areaM2 - area) > AREA_TOLERANCE * area) {
      problems.push(issue(['zones', z, 'areaM2'], 'area_mismatch', `${zone.areaM2} differs by more than 1% from the polygon's area (${round(area)})`));
    }
  });

  venue.stands.forEach((stand, s) => {
    const zone = zones.get(stand.zone);
    const shape = polygonIssues(stand.polygon, ['stands', s], `stand "${stand.id}"`);
    problems.push(...shape);
    if (!zone) problems.push(issue(['stands', s, 'zone'], 'unknown_zone', `unknown zone "${stand.zone}"`));
    else if (!shape.length && simpleZones.has(zone.id) && !polygonInside(stand.polygon, zone.polygon)) {
      problems.push(issue(['stands', s, 'polygon'], 'stand_outside_zone', `stand "${stand.id}" lies outside its zone "${zone.id}"`));
    }
  });

  venue.gates.forEach((gate, g) => {
    for (const end of ['from', 'to'] as const) {
      const zoneId = gate[end];
      if (zoneId !== null && !zones.has(zoneId)) problems.push(issue(['gates', g, end], 'unknown_zone', `unknown zone "${zoneId}"`));
    }
    if (gate.from === null && gate.to === null) problems.push(issue(['gates', g], 'invalid_gate', 'from and to cannot both be outside (null)'));
    if (gate.from !== null && gate.from === gate.to) problems.push(issue(['gates', g, 'to'], 'invalid_gate', `same zone as from ("${gate.to}")`));
    if (gate.emergencyExit === true && gate.from !== null && gate.to !== null) problems.push(issue(['gates', g, 'emergencyExit'], 'invalid_gate', 'an emergency exit must lead outside (from or to null)'));
    const widest = Math.max(venue.width, venue.height);
    if (gate.widthM !== undefined && gate.widthM > widest) problems.push(issue(['gates', g, 'widthM'], 'gate_too_wide', `a clear width of ${gate.widthM} m is wider than the floor (${floor})`));
    if (!onFloor(gate.position)) problems.push(issue(['gates', g, 'position'], 'outside_floor', `[${gate.position.join(', ')}] lies outside the floor (${floor})`));
  });
  (venue.programme ?? []).forEach((slot, p) => {
    if (!zones.has(slot.zone)) problems.push(issue(['programme', p, 'zone'], 'unknown_zone', `unknown zone "${slot.zone}"`));
  });
  problems.push(...duplicateIds(venue.programme ?? [], 'programme'));
  return problems;
}

/** A path as the contract writes it: `zones.2.polygon`, `(venue)` for the whole document. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length ? path.map(String).join('.') : '(venue)';
}

/**
 * Every problem of an untrusted venue document (parsed JSON), the schema's first: the server refuses a
 * publish with these, and the editor shows the same ones before it sends anything. A declared area of
 * zero or less is `zero_area` as a drawn polygon without area is.
 */
export function checkVenue(json: unknown): VenueIssue[] {
  const parsed = Venue.safeParse(json);
  if (!parsed.success) {
    return parsed.error.issues.map((zodIssue) => {
      const path = zodIssue.path.map((key) => (typeof key === 'number' ? key : String(key)));
      const areaOfZone = path.length === 3 && path[0] === 'zones' && path[2] === 'areaM2' && zodIssue.code === 'too_small';
      return issue(path, areaOfZone ? 'zero_area' : zodIssue.code, areaOfZone ? 'a zone needs an area greater than zero (m²)' : zodIssue.message);
    });
  }
  // The geometric rules cost up to the square of a polygon's vertices: bounded in total first.
  const venue = parsed.data;
  const vertices = [...venue.zones, ...venue.stands].reduce((sum, item) => sum + item.polygon.length, 0);
  if (vertices > VENUE_LIMITS.totalVertices) return [issue([], 'too_many_vertices', `the outlines have ${vertices} points in all; at most ${VENUE_LIMITS.totalVertices}`)];
  return venueRuleIssues(venue);
}

/** The rules beyond the schema as `path: message` lines (what `parseVenue` and start-up report). */
export function crossCheckVenue(venue: Venue): string[] {
  return venueRuleIssues(venue).map((problem) => `${issuePath(problem.path)}: ${problem.message}`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
