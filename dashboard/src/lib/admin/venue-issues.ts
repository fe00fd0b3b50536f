import * as venuePackage from '@fairwatch/venue';
import { crossCheckVenue, polygonArea, Venue, type Polygon } from '@fairwatch/venue';
import '../zod-config.ts';

/** One problem of the draft: the field (`zones.2.polygon`) and what is wrong, as the server names it. */
export interface VenueIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

/** Whether two segments cross (touching at a shared end does not count). */
function segmentsCross(a: Polygon[number], b: Polygon[number], c: Polygon[number], d: Polygon[number]): boolean {
  const side = (p: Polygon[number], q: Polygon[number], r: Polygon[number]) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
}

export function selfIntersects(polygon: Polygon): boolean {
  const n = polygon.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // neighbours through the closing edge
      if (segmentsCross(polygon[i]!, polygon[(i + 1) % n]!, polygon[j]!, polygon[(j + 1) % n]!)) return true;
    }
  }
  return false;
}

const CODES: Array<[RegExp, string]> = [
  [/duplicate/, 'duplicate_id'],
  [/unknown zone/, 'unknown_zone'],
  [/outside its zone/, 'stand_outside_zone'],
];

/**
 * The shared `checkVenue` (issue 16's server side adds it to @fairwatch/venue: the very checks a publish
 * runs), looked up at run time so that this works before and after that change is merged.
 * TODO(issue 16): once merged, import `checkVenue` directly and drop `localIssues` below.
 */
const sharedCheck = Reflect.get(venuePackage, 'checkVenue') as ((json: unknown) => VenueIssue[]) | undefined;

/** Every problem of a draft venue, as the server will name them on publish. */
export function venueIssues(draft: unknown): VenueIssue[] {
  return sharedCheck ? sharedCheck(draft) : localIssues(draft);
}

/** The same checks from what the package has today: the schema, the cross checks, the polygon checks. */
function localIssues(draft: unknown): VenueIssue[] {
  const parsed = Venue.safeParse(draft);
  if (!parsed.success) return parsed.error.issues.map((issue) => ({ path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)), code: issue.code, message: issue.message }));
  const venue = parsed.data;
  const issues: VenueIssue[] = [];
  const shapes = [...venue.zones.map((zone, i) => ['zones', i, zone.polygon] as const), ...venue.stands.map((stand, i) => ['stands', i, stand.polygon] as const)];
  for (const [collection, index, polygon] of shapes) {
    if (selfIntersects(polygon)) issues.push({ path: [collection, index, 'polygon'], code: 'self_intersecting', message: 'the polygon crosses itself' });
    else if (polygonArea(polygon) < 1e-6) issues.push({ path: [collection, index, 'polygon'], code: 'zero_area', message: 'the polygon has no area' });
  }
  for (const line of crossCheckVenue(venue)) {
    const colon = line.indexOf(': ');
    const path = line.slice(0, colon).split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    issues.push({ path, code: CODES.find(([pattern]) => pattern.test(line))?.[1] ?? 'invalid', message: line.slice(colon + 2) });
  }
  return issues;
}

/** `zones.2.polygon` */
export function issuePath(issue: Pick<VenueIssue, 'path'>): string {
  return issue.path.join('.');
}
