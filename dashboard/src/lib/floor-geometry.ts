import { bounds, pointInPolygon, polygonCentroid, type Point, type Polygon } from '@fairwatch/venue';

/** Leaflet's CRS.Simple takes [lat, lng] = [y, x]: north is up, east is right, in metres. */
export function toLatLng([x, y]: Point): [number, number] {
  return [y, x];
}

export function toLatLngs(polygon: Polygon): [number, number][] {
  return polygon.map(toLatLng);
}

/**
 * Points on a square grid inside the polygon, about `target` of them, so that a zone's heat covers
 * its whole surface instead of glowing at one spot. Never empty: falls back to the centroid.
 */
export function gridPointsInside(polygon: Polygon, target = 24): Point[] {
  const { minX, minY, maxX, maxY } = bounds(polygon);
  const step = Math.max(Math.sqrt(((maxX - minX) * (maxY - minY)) / target), 0.5);
  const points: Point[] = [];
  for (let x = minX + step / 2; x < maxX; x += step) {
    for (let y = minY + step / 2; y < maxY; y += step) {
      if (pointInPolygon([x, y], polygon)) points.push([x, y]);
    }
  }
  return points.length ? points : [polygonCentroid(polygon)];
}
