import { describe, expect, it } from 'vitest';
import { bounds, pointInPolygon, pointOnBoundary, polygonArea, polygonCentroid, polygonInside } from '../src/geometry.ts';
import type { Polygon } from '../src/schema.ts';

const unitSquare: Polygon = [[0, 0], [1, 0], [1, 1], [0, 1]];
const triangle: Polygon = [[0, 0], [4, 0], [0, 3]];
/** An L: a 4 x 4 square without its north-east 2 x 2 quarter (area 12). */
const lShape: Polygon = [[0, 0], [4, 0], [4, 2], [2, 2], [2, 4], [0, 4]];

describe('polygonArea', () => {
  it('measures a unit square, a right triangle and an L-shape', () => {
    expect(polygonArea(unitSquare)).toBe(1);
    expect(polygonArea(triangle)).toBe(6);
    expect(polygonArea(lShape)).toBe(12);
  });

  it('is positive whichever way the vertices run', () => {
    expect(polygonArea([...lShape].reverse())).toBe(12);
  });
});

describe('polygonCentroid', () => {
  it('finds the centre of a square and a triangle', () => {
    expect(polygonCentroid(unitSquare)).toEqual([0.5, 0.5]);
    const [x, y] = polygonCentroid(triangle);
    expect(x).toBeCloseTo(4 / 3);
    expect(y).toBeCloseTo(1);
  });

  it('weights the arms of an L-shape by their area', () => {
    // Three 2 x 2 squares centred at (1,1), (3,1), (1,3).
    const [x, y] = polygonCentroid(lShape);
    expect(x).toBeCloseTo(5 / 3);
    expect(y).toBeCloseTo(5 / 3);
  });

  it('falls back to the mean vertex for a degenerate polygon', () => {
    expect(polygonCentroid([[0, 0], [2, 0], [4, 0]])).toEqual([2, 0]);
  });
});

describe('pointInPolygon', () => {
  it('tells inside from outside', () => {
    expect(pointInPolygon([0.5, 0.5], unitSquare)).toBe(true);
    expect(pointInPolygon([1.5, 0.5], unitSquare)).toBe(false);
    expect(pointInPolygon([-0.1, 0.5], unitSquare)).toBe(false);
  });

  it('counts a point on an edge or a vertex as inside', () => {
    expect(pointInPolygon([1, 0.5], unitSquare)).toBe(true);
    expect(pointInPolygon([0.5, 0], unitSquare)).toBe(true);
    expect(pointInPolygon([1, 1], unitSquare)).toBe(true);
    expect(pointOnBoundary([1, 0.5], unitSquare)).toBe(true);
    expect(pointOnBoundary([0.5, 0.5], unitSquare)).toBe(false);
  });

  it('leaves the notch of an L-shape outside', () => {
    expect(pointInPolygon([3, 3], lShape)).toBe(false);
    expect(pointInPolygon([1, 3], lShape)).toBe(true);
    expect(pointInPolygon([3, 1], lShape)).toBe(true);
    expect(pointInPolygon([3, 2], lShape)).toBe(true);
  });
});

describe('polygonInside', () => {
  it('accepts a polygon touching the outer boundary and rejects one that sticks out', () => {
    expect(polygonInside([[0, 0], [1, 0], [1, 1], [0, 1]], lShape)).toBe(true);
    expect(polygonInside([[3, 1], [5, 1], [5, 1.5], [3, 1.5]], lShape)).toBe(false);
    expect(polygonInside(lShape, lShape)).toBe(true);
  });

  it('rejects a polygon bridging the notch of an L-shape even with every vertex inside', () => {
    expect(polygonInside([[1, 3], [3, 1], [3.5, 1.5], [1.5, 3.5]], lShape)).toBe(false);
  });
});

describe('bounds', () => {
  it('boxes an L-shape', () => {
    expect(bounds(lShape)).toEqual({ minX: 0, minY: 0, maxX: 4, maxY: 4 });
    expect(bounds([[2, -1], [5, 3], [-1, 7]])).toEqual({ minX: -1, minY: -1, maxX: 5, maxY: 7 });
  });
});
