import { fesVenue, type Gate } from '@fairwatch/venue';
import { describe, expect, it } from 'vitest';
import { estimateCapacity } from '../src/lib/admin/capacity.ts';
import { calibrate, planCorners, type Plan } from '../src/lib/admin/plan.ts';
import { gridInZone, MAX_STAND_ROWS, standRowsFromCsv, standsToCsv } from '../src/lib/admin/stands-csv.ts';
import { diffVenues } from '../src/lib/admin/venue-diff.ts';
import { selfIntersects } from '@fairwatch/venue';
import { venueIssues } from '../src/lib/admin/venue-issues.ts';

const square = (size: number): [number, number][] => [[0, 0], [size, 0], [size, size], [0, size]];
const gate = (id: string, widthM: number): Gate => ({ id, name: { ar: id, fr: id, en: id }, from: 'z', to: null, position: [0, 0], widthM });

describe('capacity calculator', () => {
  it('proposes area x density when the exits allow more', () => {
    const estimate = estimateCapacity({ id: 'z', polygon: square(10) }, [gate('a', 5), gate('b', 5)]);
    expect(estimate.areaBased).toBe(200);
    // 10 m of exits, the widest (5 m) discounted: 5 x 82 x 8.
    expect(estimate.exitBased).toBe(3280);
    expect(estimate).toMatchObject({ proposed: 200, source: 'area', widestDiscounted: true });
  });

  it('proposes the exit-based figure when it is lower, and has none without a known width', () => {
    const estimate = estimateCapacity({ id: 'z', polygon: square(100) }, [gate('a', 2), gate('b', 1)], 2, 8);
    expect(estimate).toMatchObject({ exitBased: 656, proposed: 656, source: 'exits' });
    expect(estimateCapacity({ id: 'z', polygon: square(10) }, []).exitBased).toBeNull();
  });
});

describe('stands spreadsheet', () => {
  const header = 'stand id,name_ar,name_fr,name_en,cooperative,zone';

  it('reads quoted fields and writes the same stands back', () => {
    const parsed = standRowsFromCsv(`${header}\r\ns1,"خيمة","Tente ""A""",Tent A,"Coop, Fès",hall\n`);
    expect(parsed).toEqual({ rows: [{ id: 's1', name: { ar: 'خيمة', fr: 'Tente "A"', en: 'Tent A' }, cooperative: 'Coop, Fès', zone: 'hall' }] });
    const csv = standsToCsv([{ id: 's1', zone: 'hall', name: { ar: 'خيمة', fr: 'Tente "A"', en: 'Tent A' }, polygon: square(1) }], new Map([['s1', 'Coop, Fès']]));
    expect(standRowsFromCsv(csv)).toEqual(parsed);
  });

  it('refuses missing columns and more than 2,000 rows', () => {
    expect(standRowsFromCsv('stand id,name_en,zone\ns1,A,hall')).toEqual({ problem: { code: 'missing_columns', columns: ['name_ar', 'name_fr', 'cooperative'] } });
    const rows = Array.from({ length: MAX_STAND_ROWS + 1 }, (_, i) => `s${i},a,f,e,c,hall`).join('\n');
    expect(standRowsFromCsv(`${header}\n${rows}`)).toEqual({ problem: { code: 'too_many_rows', rows: MAX_STAND_ROWS + 1 } });
  });

  it('lays a grid of stands inside the zone', () => {
    const cells = gridInZone({ polygon: square(20) }, 10);
    expect(cells).toHaveLength(10);
    for (const cell of cells) for (const [x, y] of cell) expect(x >= 0 && x <= 20 && y >= 0 && y <= 20).toBe(true);
  });
});

describe('venue checks and diff', () => {
  it('names the field of a self-intersecting polygon, an unknown zone and a duplicate id', () => {
    expect(selfIntersects([[0, 0], [10, 10], [10, 0], [0, 10]])).toBe(true);
    expect(selfIntersects(square(4))).toBe(false);
    const venue = structuredClone(fesVenue);
    expect(venueIssues(venue)).toEqual([]);
    venue.zones[0]!.polygon = [[0, 0], [10, 10], [10, 0], [0, 10]];
    venue.gates[0]!.to = 'nowhere';
    venue.stands[1]!.id = venue.stands[0]!.id;
    const issues = venueIssues(venue);
    expect(issues).toContainEqual(expect.objectContaining({ path: ['zones', 0, 'polygon'], code: 'self_intersecting' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: ['gates', 0, 'to'], code: 'unknown_zone' }));
    expect(issues).toContainEqual(expect.objectContaining({ path: ['stands', 1, 'id'], code: 'duplicate_id' }));
  });

  it('reports zod issues with their path', () => {
    const venue = structuredClone(fesVenue) as unknown as { zones: Array<{ capacity: number }> };
    venue.zones[1]!.capacity = -3;
    expect(venueIssues(venue)[0]).toMatchObject({ path: ['zones', 1, 'capacity'] });
  });

  it('summarises added, removed and renamed items', () => {
    const before = fesVenue;
    const after = structuredClone(before);
    after.zones[0]!.name.en = 'Renamed';
    after.gates.pop();
    after.stands.push({ ...after.stands[0]!, id: 'new-stand' });
    const diff = diffVenues(before, after);
    expect(diff.zones.renamed).toEqual([before.zones[0]!.id]);
    expect(diff.gates.removed).toEqual([before.gates.at(-1)!.id]);
    expect(diff.stands.added).toEqual(['new-stand']);
  });
});

describe('floor plan', () => {
  const plan: Plan = { image: 'a'.repeat(64), widthPx: 100, heightPx: 50, metresPerPixel: 0.5, origin: [0, 25], rotationDeg: 0 };
  it('places the image from its top-left corner down and right, and turns it clockwise', () => {
    expect(planCorners(plan)).toEqual([[0, 25], [50, 25], [50, 0], [0, 0]]);
    const turned = planCorners({ ...plan, rotationDeg: 90 }).map(([x, y]) => [Math.round(x), Math.round(y)]);
    // Clockwise by 90° about the top-left: the top edge now points down (south).
    expect(turned[1]).toEqual([0, -25]);
  });
  it('calibrates the scale from two points and their real distance', () => {
    expect(calibrate(plan, [0, 0], [10, 0], 20).metresPerPixel).toBe(1);
  });
});
