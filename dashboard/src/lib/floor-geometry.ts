import type { Point, Polygon } from '@fairwatch/venue';

/** Leaflet's CRS.Simple takes [lat, lng] = [y, x]: north is up, east is right, in metres. */
export function toLatLng([x, y]: Point): [number, number] {
  return [y, x];
}

export function toLatLngs(polygon: Polygon): [number, number][] {
  return polygon.map(toLatLng);
}
