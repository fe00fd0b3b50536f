import type { Point, Polygon } from './schema.ts';

/** Coordinates closer than this (metres) count as equal: floor plans are drawn to the centimetre. */
const EPSILON = 1e-9;

/** Axis-aligned bounding box of a polygon, in metres. */
export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The vertex after `index`, wrapping round so that the last edge closes the polygon. */
function nextVertex(polygon: Polygon, index: number): Point {
  return polygon[(index + 1) % polygon.length] as Point;
}

/** Twice the signed area (shoelace): positive when the vertices run anticlockwise. */
function doubleSignedArea(polygon: Polygon): number {
  let sum = 0;
  polygon.forEach(([x1, y1], i) => {
    const [x2, y2] = nextVertex(polygon, i);
    sum += x1 * y2 - x2 * y1;
  });
  return sum;
}

/** Area in m² of a simple polygon (shoelace formula), whichever way its vertices run. */
export function polygonArea(polygon: Polygon): number {
  return Math.abs(doubleSignedArea(polygon)) / 2;
}

/**
 * Centre of mass of a simple polygon: where a label or a heat point for the whole zone belongs.
 * A degenerate polygon (zero area) falls back to the mean of its vertices.
 */
export function polygonCentroid(polygon: Polygon): Point {
  const doubleArea = doubleSignedArea(polygon);
  if (Math.abs(doubleArea) < EPSILON) {
    const n = polygon.length;
    return [polygon.reduce((s, [x]) => s + x, 0) / n, polygon.reduce((s, [, y]) => s + y, 0) / n];
  }
  let cx = 0;
  let cy = 0;
  polygon.forEach(([x1, y1], i) => {
    const [x2, y2] = nextVertex(polygon, i);
    const cross = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  });
  return [cx / (3 * doubleArea), cy / (3 * doubleArea)];
}

/** Whether `point` lies on the segment from `a` to `b` (within EPSILON). */
function onSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): boolean {
  const cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax);
  if (Math.abs(cross) > EPSILON * Math.max(1, Math.hypot(bx - ax, by - ay))) return false;
  return (
    px >= Math.min(ax, bx) - EPSILON &&
    px <= Math.max(ax, bx) + EPSILON &&
    py >= Math.min(ay, by) - EPSILON &&
    py <= Math.max(ay, by) + EPSILON
  );
}

/** Whether `point` lies on one of the polygon's edges. */
export function pointOnBoundary(point: Point, polygon: Polygon): boolean {
  return polygon.some((a, i) => onSegment(point, a, nextVertex(polygon, i)));
}

/**
 * Whether `point` lies inside `polygon` or on its boundary. Points on an edge count as inside
 * because zones share edges: a gate or a stand wall on the line between two zones belongs to both.
 */
export function pointInPolygon(point: Point, polygon: Polygon): boolean {
  if (pointOnBoundary(point, polygon)) return true;
  // Ray casting to the east: an odd number of edge crossings means inside.
  const [px, py] = point;
  let inside = false;
  polygon.forEach(([x1, y1], i) => {
    const [x2, y2] = nextVertex(polygon, i);
    if (y1 > py !== y2 > py && px < ((x2 - x1) * (py - y1)) / (y2 - y1) + x1) inside = !inside;
  });
  return inside;
}

/** Which side of the line through `a` and `b` the point `c` lies: 1 left, -1 right, 0 on it. */
function orientation([ax, ay]: Point, [bx, by]: Point, [cx, cy]: Point): number {
  const cross = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return Math.abs(cross) <= EPSILON ? 0 : Math.sign(cross);
}

/** Whether two segments cross at a point inside both (touching or overlapping does not count). */
function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const abc = orientation(a, b, c);
  const abd = orientation(a, b, d);
  const cda = orientation(c, d, a);
  const cdb = orientation(c, d, b);
  return abc * abd < 0 && cda * cdb < 0;
}

/**
 * Whether `inner` lies within `outer`, touching its boundary allowed (a stand against a zone's edge):
 * every vertex and every edge midpoint of `inner` is inside or on the boundary, and no edge of `inner`
 * crosses an edge of `outer`, so an L-shaped `outer` cannot let a stand bridge its notch.
 */
export function polygonInside(inner: Polygon, outer: Polygon): boolean {
  const edgesOf = (polygon: Polygon) => polygon.map((a, i) => [a, nextVertex(polygon, i)] as const);
  const innerEdges = edgesOf(inner);
  const outerEdges = edgesOf(outer);
  const midpoints = innerEdges.map(([[ax, ay], [bx, by]]): Point => [(ax + bx) / 2, (ay + by) / 2]);
  return (
    [...inner, ...midpoints].every((point) => pointInPolygon(point, outer)) &&
    !innerEdges.some(([a, b]) => outerEdges.some(([c, d]) => segmentsCross(a, b, c, d)))
  );
}

/** The smallest axis-aligned box that holds the polygon. */
export function bounds(polygon: Polygon): Bounds {
  const xs = polygon.map(([x]) => x);
  const ys = polygon.map(([, y]) => y);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}
