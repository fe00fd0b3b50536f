import { describe, expect, it } from 'vitest';
import { DOT_PX, intersects, placeBadges, type BadgeRequest, type Rect } from '../src/lib/crowd-flow/badge-placement.ts';

const area: Rect = { left: 0, top: 0, right: 400, bottom: 300 };
const badge = (id: string, x: number, y: number, overrides: Partial<BadgeRequest> = {}): BadgeRequest => ({ id, x, y, sizes: [[60, 24], [40, 20]], canShrink: true, ...overrides });
const boxOf = (request: BadgeRequest, place: { dx: number; dy: number; size: number; dot: boolean }): Rect => {
  const [width, height] = place.dot ? [DOT_PX, DOT_PX] : request.sizes[place.size]!;
  const x = request.x + place.dx;
  const y = request.y + place.dy;
  return { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 };
};

describe('gate badge placement', () => {
  it('keeps a badge at its gate, full size, when it hides nothing', () => {
    expect(placeBadges([badge('a', 200, 150)], [], area).get('a')).toEqual({ dx: 0, dy: 0, size: 0, dot: false, clear: true });
  });

  it('moves a badge off a zone label it would cover, to the nearest free spot', () => {
    const label: Rect = { left: 170, top: 140, right: 230, bottom: 170 };
    const request = badge('a', 200, 150);
    const place = placeBadges([request], [label], area).get('a')!;
    expect(place.clear).toBe(true);
    expect(intersects(boxOf(request, place), label)).toBe(false);
    expect(Math.hypot(place.dx, place.dy)).toBeLessThanOrEqual(84);
  });

  it('keeps a badge at the floor\'s edge inside the map', () => {
    const request = badge('edge', 2, 298);
    const box = boxOf(request, placeBadges([request], [], area).get('edge')!);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(300);
  });

  it('places badges of neighbouring gates clear of each other', () => {
    const requests = [badge('whatif', 198, 152, { sizes: [[44, 44]], canShrink: false }), badge('a', 200, 150), badge('b', 202, 150)];
    const places = placeBadges(requests, [], area);
    const boxes = requests.map((request) => boxOf(request, places.get(request.id)!));
    for (let i = 0; i < boxes.length; i++) for (let k = i + 1; k < boxes.length; k++) expect(intersects(boxes[i]!, boxes[k]!)).toBe(false);
    expect([...places.values()].every((place) => place.clear)).toBe(true);
  });

  it('shrinks a badge that finds no room to a dot, but never a what-if button (its 44 px target)', () => {
    const tight: Rect = { left: 180, top: 140, right: 220, bottom: 160 };
    expect(placeBadges([badge('a', 200, 150)], [], tight).get('a')).toMatchObject({ dot: true, size: 2, clear: true });
    expect(placeBadges([badge('w', 200, 150, { sizes: [[44, 44]], canShrink: false })], [], tight).get('w')).toMatchObject({ dot: false, size: 0, clear: false });
  });
});
