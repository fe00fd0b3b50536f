/**
 * Where each gate's flow badge goes on the floor: at its gate when that hides no zone label, otherwise
 * the nearest free spot around the gate (a leader line joins them), always inside the map's visible
 * area; a badge that finds no room tries its smaller sizes, then shrinks to a dot (its figure on hover
 * and focus). Pure, so it is unit
 * tested; the map passes the labels' and controls' boxes as measured on screen.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface BadgeRequest {
  id: string;
  /** The gate's point on screen (px, in the area's coordinates). */
  x: number;
  y: number;
  /** Its sizes [width, height] in px, the preferred first (full size, then compact). */
  sizes: readonly (readonly [number, number])[];
  /** May shrink to a dot: false for the what-if's buttons, which keep their 44 px target. */
  canShrink: boolean;
}

export interface BadgePlace {
  /** Offset of the badge's centre from its gate (px). */
  dx: number;
  dy: number;
  /** Index into the request's `sizes`; `sizes.length` for a dot. */
  size: number;
  dot: boolean;
  /** False when even the best spot overlaps something (a floor too small on screen for its badges). */
  clear: boolean;
}

export const DOT_PX = 14;
/** Room kept between a badge and a label, a control or another badge (px). */
const GAP = 2;

export const intersects = (a: Rect, b: Rect): boolean => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const overlap = (a: Rect, b: Rect): number => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

const inside = (rect: Rect, area: Rect): boolean => rect.left >= area.left && rect.top >= area.top && rect.right <= area.right && rect.bottom <= area.bottom;

/** The badge's box centred at (x, y), grown by `gap` on each side. */
function boxAt(x: number, y: number, width: number, height: number, gap = 0): Rect {
  return { left: x - width / 2 - gap, top: y - height / 2 - gap, right: x + width / 2 + gap, bottom: y + height / 2 + gap };
}

/** How far from its gate a badge may move (px), on a grid of `STEP` px. */
const STEP = 4;
const REACH = 84;

/** Offsets to try, nearest first: the gate itself, then a grid of spots around it out to `REACH`. */
function candidates(): [number, number][] {
  const offsets: [number, number][] = [];
  for (let dx = -REACH; dx <= REACH; dx += STEP) {
    for (let dy = -REACH; dy <= REACH; dy += STEP) if (Math.hypot(dx, dy) <= REACH) offsets.push([dx, dy]);
  }
  return offsets.sort((a, b) => Math.hypot(...a) - Math.hypot(...b));
}
const OFFSETS = candidates();

/**
 * Places `badges` in order (put the ones that matter most first: they get the spots nearest their gates)
 * inside `area`, clear of `obstacles` (zone labels, map controls) and of each other.
 */
export function placeBadges(badges: readonly BadgeRequest[], obstacles: readonly Rect[], area: Rect): Map<string, BadgePlace> {
  const placed: Rect[] = [];
  const places = new Map<string, BadgePlace>();
  const free = (rect: Rect) => inside(rect, area) && !obstacles.some((o) => intersects(rect, o)) && !placed.some((p) => intersects(rect, p));
  const find = (badge: BadgeRequest, width: number, height: number): [number, number] | null => {
    for (const [dx, dy] of OFFSETS) if (free(boxAt(badge.x + dx, badge.y + dy, width, height, GAP))) return [dx, dy];
    return null;
  };
  for (const badge of badges) {
    const sizes = badge.canShrink ? [...badge.sizes, [DOT_PX, DOT_PX] as const] : badge.sizes;
    let chosen: { size: number; spot: [number, number] } | null = null;
    for (let size = 0; size < sizes.length && !chosen; size++) {
      const spot = find(badge, sizes[size]![0], sizes[size]![1]);
      if (spot) chosen = { size, spot };
    }
    // No free spot at any size: the smallest it may take, where it hides the least.
    const size = chosen?.size ?? sizes.length - 1;
    const [width, height] = sizes[size]!;
    const spot = chosen?.spot ?? leastCovering(badge, width, height, obstacles, placed, area);
    places.set(badge.id, { dx: spot[0], dy: spot[1], size, dot: size === badge.sizes.length, clear: !!chosen });
    placed.push(boxAt(badge.x + spot[0], badge.y + spot[1], width, height));
  }
  return places;
}

/** No free spot: the one inside the area (or nearest to it) that hides the least. */
function leastCovering(badge: BadgeRequest, width: number, height: number, obstacles: readonly Rect[], placed: readonly Rect[], area: Rect): [number, number] {
  let best: [number, number] = [0, 0];
  let bestScore = Infinity;
  for (const [dx, dy] of OFFSETS) {
    const rect = boxAt(badge.x + dx, badge.y + dy, width, height);
    const outside = inside(rect, area) ? 0 : 1e9;
    const score = outside + [...obstacles, ...placed].reduce((sum, o) => sum + overlap(rect, o), 0);
    if (score < bestScore) [best, bestScore] = [[dx, dy], score];
  }
  if (bestScore >= 1e9) {
    // Not even inside: clamp the gate's own spot into the area.
    const x = Math.min(Math.max(badge.x, area.left + width / 2), area.right - width / 2);
    const y = Math.min(Math.max(badge.y, area.top + height / 2), area.bottom - height / 2);
    best = [x - badge.x, y - badge.y];
  }
  return best;
}
