import { FloorPlan, type Point } from '@fairwatch/venue';

/** The venue's floor-plan image and where it lies on the floor (issue 16's `plan`, the venue schema's). */
export const Plan = FloorPlan;
export type Plan = FloorPlan;

/** The four corners (top-left, top-right, bottom-right, bottom-left) in venue metres (y to the north). */
export function planCorners(plan: Plan): Point[] {
  const w = plan.widthPx * plan.metresPerPixel;
  const h = plan.heightPx * plan.metresPerPixel;
  const angle = (plan.rotationDeg * Math.PI) / 180;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // In image axes (right, down) then turned clockwise; down is -y on the floor.
  return [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ].map(([right, down]) => [plan.origin[0] + right! * cos - down! * sin, plan.origin[1] - (right! * sin + down! * cos)] as Point);
}

/**
 * An SVG (viewBox in floor metres, y flipped) that draws the image turned and scaled, and the floor
 * bounds it covers: Leaflet's image overlay cannot rotate, an SVG overlay can.
 */
export function planSvg(plan: Plan, href: string): { svg: SVGSVGElement; south: number; west: number; north: number; east: number } {
  const corners = planCorners(plan);
  const xs = corners.map(([x]) => x);
  const ys = corners.map(([, y]) => y);
  const west = Math.min(...xs);
  const east = Math.max(...xs);
  const south = Math.min(...ys);
  const north = Math.max(...ys);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `${west} ${-north} ${east - west} ${north - south}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const image = document.createElementNS(ns, 'image');
  const [ox, oy] = plan.origin;
  image.setAttribute('href', href);
  image.setAttribute('x', String(ox));
  image.setAttribute('y', String(-oy));
  image.setAttribute('width', String(plan.widthPx * plan.metresPerPixel));
  image.setAttribute('height', String(plan.heightPx * plan.metresPerPixel));
  image.setAttribute('preserveAspectRatio', 'none');
  image.setAttribute('transform', `rotate(${plan.rotationDeg} ${ox} ${-oy})`);
  svg.append(image);
  return { svg, south, west, north, east };
}

/**
 * Scale calibration: two points picked on the plan as drawn now, `metres` apart in reality. The image's
 * pixels between them stay the same; the metres per pixel change so that they measure `metres`.
 */
export function calibrate(plan: Plan, a: Point, b: Point, metres: number): Plan {
  const shown = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (!(shown > 0) || !(metres > 0)) return plan;
  return { ...plan, metresPerPixel: (plan.metresPerPixel * metres) / shown };
}
