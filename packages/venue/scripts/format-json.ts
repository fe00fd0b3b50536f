/**
 * JSON with two-space indentation, except that a point ([x, y]) and a polygon stay on one line:
 * the file stays short enough to review, and a changed stand shows as one changed line in a diff.
 */
export function formatVenueJson(value: unknown): string {
  const pretty = JSON.stringify(value, null, 2);
  const point = /\[\s*(-?[\d.e+-]+),\s*(-?[\d.e+-]+)\s*\]/g;
  const polygon = /\[\s*((?:\[-?[\d.e+-]+, -?[\d.e+-]+\],?\s*)+)\]/g;
  return `${pretty
    .replace(point, '[$1, $2]')
    .replace(polygon, (_, points: string) => `[${points.trim().split(/,\s*(?=\[)/).join(', ')}]`)}\n`;
}
