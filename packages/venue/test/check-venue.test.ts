import { describe, expect, it } from 'vitest';
import { checkVenue, CROWD_FLOW_LIMITS, CrowdFlowSettings, DEFAULT_CROWD_FLOW, fesVenue, GATE_WIDTH_LIMITS, type Venue, type VenueIssue } from '../src/index.ts';

const name = (text: string) => ({ ar: text, fr: text, en: text });
const square = (x: number, y: number, w: number, h: number): Array<[number, number]> => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
const thresholds = { busy: 1, crowded: 2, critical: 3.5 };

/** Two zones, one stand, two gates: valid until a test breaks it. */
function smallVenue(): Venue {
  return {
    id: 'small',
    name: name('Small fair'),
    timezone: 'Africa/Casablanca',
    width: 20,
    height: 10,
    zones: [
      { id: 'hall', name: name('Hall'), kind: 'exhibit', polygon: square(0, 0, 10, 10), areaM2: 100, capacity: 200, thresholds },
      { id: 'stage', name: name('Stage'), kind: 'stage', polygon: square(10, 0, 10, 10), areaM2: 100, capacity: 150, thresholds },
    ],
    stands: [{ id: 'S1', zone: 'hall', name: name('Stand 1'), polygon: square(1, 1, 3, 3) }],
    gates: [
      { id: 'door', name: name('Door'), from: null, to: 'hall', position: [5, 0] },
      { id: 'hall-stage', name: name('Hall to stage'), from: 'hall', to: 'stage', position: [10, 5] },
    ],
  };
}

const codesAt = (issues: VenueIssue[]) => issues.map((issue) => `${issue.path.join('.')}:${issue.code}`);

describe('checkVenue', () => {
  it('finds nothing wrong with a valid venue or the bundled one', () => {
    expect(checkVenue(smallVenue())).toEqual([]);
    expect(checkVenue(fesVenue)).toEqual([]);
  });

  it('accepts a floor-plan image and refuses a bad one', () => {
    const plan = { image: 'a'.repeat(64), widthPx: 2000, heightPx: 1000, metresPerPixel: 0.01, origin: [0, 10], rotationDeg: 0 };
    expect(checkVenue({ ...smallVenue(), plan })).toEqual([]);
    const issues = checkVenue({ ...smallVenue(), plan: { ...plan, image: 'not-a-hash', rotationDeg: 270 } });
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['plan.image', 'plan.rotationDeg']));
  });

  it('names a self-intersecting zone polygon (a bow tie)', () => {
    const venue = smallVenue();
    venue.zones[1]!.polygon = [[10, 0], [20, 10], [20, 0], [10, 10]];
    expect(codesAt(checkVenue(venue))).toContain('zones.1.polygon:self_intersecting');
  });

  it('names a self-intersecting stand', () => {
    const venue = smallVenue();
    venue.stands[0]!.polygon = [[1, 1], [4, 4], [4, 1], [1, 4]];
    expect(codesAt(checkVenue(venue))).toContain('stands.0.polygon:self_intersecting');
  });

  it('names a stand outside its zone', () => {
    const venue = smallVenue();
    venue.stands[0]!.polygon = square(12, 1, 3, 3);
    expect(codesAt(checkVenue(venue))).toEqual(['stands.0.polygon:stand_outside_zone']);
  });

  it('names a gate and a stand naming no zone', () => {
    const venue = smallVenue();
    venue.gates[1]!.to = 'nowhere';
    venue.stands[0]!.zone = 'lost';
    expect(codesAt(checkVenue(venue))).toEqual(['stands.0.zone:unknown_zone', 'gates.1.to:unknown_zone']);
  });

  it('names a zone without area: a flat polygon, a declared area of zero', () => {
    const flat = smallVenue();
    flat.zones[1]!.polygon = [[10, 0], [15, 0], [20, 0]];
    expect(codesAt(checkVenue(flat))).toContain('zones.1.polygon:zero_area');
    const zero = smallVenue();
    zero.zones[0]!.areaM2 = 0;
    expect(codesAt(checkVenue(zero))).toEqual(['zones.0.areaM2:zero_area']);
  });

  it('names duplicate ids of zones, stands and gates', () => {
    const venue = smallVenue();
    venue.stands.push({ ...venue.stands[0]!, polygon: square(5, 5, 2, 2) });
    venue.gates[1]!.id = 'door';
    const issues = checkVenue(venue);
    expect(codesAt(issues)).toEqual(['stands.1.id:duplicate_id', 'gates.1.id:duplicate_id']);
    expect(issues[0]!.message).toContain('"S1"');
  });

  it('bounds the work of the geometric checks: too many outline points in all is one issue', () => {
    const venue = smallVenue();
    const ring = Array.from({ length: 1_000 }, (_, i): [number, number] => [2 + Math.cos((i / 1_000) * 2 * Math.PI), 2 + Math.sin((i / 1_000) * 2 * Math.PI)]);
    venue.stands = Array.from({ length: 61 }, (_, i) => ({ id: `S${i}`, zone: 'hall', name: name(`Stand ${i}`), polygon: ring }));
    expect(codesAt(checkVenue(venue))).toEqual([':too_many_vertices']);
  });

  it('refuses a time zone this runtime does not know and times of day that are not', () => {
    const issues = checkVenue({ ...smallVenue(), timezone: 'Mars/Olympus', openingHours: { open: '99:00', close: '24:00' } });
    expect(issues.map((issue) => issue.path.join('.'))).toEqual(['timezone', 'openingHours.open']);
  });

  it('reports schema problems with their field path and zod code', () => {
    const issues = checkVenue({ ...smallVenue(), zones: [{ id: 'x' }] });
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((issue) => issue.path[0] === 'zones' && issue.path[1] === 0 && typeof issue.code === 'string')).toBe(true);
  });
  it('bounds the crowd-flow settings: each edge is accepted, one step past it is named with its rule', () => {
    expect(CrowdFlowSettings.safeParse(DEFAULT_CROWD_FLOW).success).toBe(true);
    for (const [field, { min, max }] of Object.entries(CROWD_FLOW_LIMITS)) {
      expect(checkVenue({ ...smallVenue(), crowdFlow: { [field]: min } }), `${field} = ${min}`).toEqual([]);
      expect(checkVenue({ ...smallVenue(), crowdFlow: { [field]: max } }), `${field} = ${max}`).toEqual([]);
      const below = checkVenue({ ...smallVenue(), crowdFlow: { [field]: min - 0.1 } });
      expect(codesAt(below)).toEqual([`crowdFlow.${field}:too_small`]);
      expect(below[0]!.message).toBe(`from ${min} to ${max} ${field === 'exitFlowRate' ? 'persons/m/min' : 'minutes'}`);
      expect(codesAt(checkVenue({ ...smallVenue(), crowdFlow: { [field]: max + 0.1 } }))).toEqual([`crowdFlow.${field}:too_big`]);
      expect(codesAt(checkVenue({ ...smallVenue(), crowdFlow: { [field]: Number.NaN } }))).toEqual([`crowdFlow.${field}:invalid_type`]);
    }
    // Every Fruin level from B to F; A (any flow at all) would raise an alert that never clears.
    for (const level of ['B', 'C', 'D', 'E', 'F']) expect(checkVenue({ ...smallVenue(), crowdFlow: { gateFlowAlertLevel: level } })).toEqual([]);
    expect(codesAt(checkVenue({ ...smallVenue(), crowdFlow: { gateFlowAlertLevel: 'A' } }))).toEqual(['crowdFlow.gateFlowAlertLevel:invalid_value']);
  });

  it('takes a realistic gate width: half a metre up to the floor\'s longer side', () => {
    const withWidth = (widthM: number) => {
      const venue = smallVenue();
      venue.gates[0]!.widthM = widthM;
      return checkVenue(venue);
    };
    expect(withWidth(GATE_WIDTH_LIMITS.min)).toEqual([]);
    expect(withWidth(20)).toEqual([]);
    expect(codesAt(withWidth(0))).toEqual(['gates.0.widthM:too_small']);
    expect(codesAt(withWidth(0.4))).toEqual(['gates.0.widthM:too_small']);
    expect(codesAt(withWidth(-2))).toEqual(['gates.0.widthM:too_small']);
    // The schema allows 200 m; on a 20 x 10 m floor a 25 m opening is a typing slip.
    expect(codesAt(withWidth(25))).toEqual(['gates.0.widthM:gate_too_wide']);
    expect(codesAt(withWidth(GATE_WIDTH_LIMITS.max + 1))).toEqual(['gates.0.widthM:too_big']);
  });
});
