import type { Venue } from '@fairwatch/venue';

type Kind = Venue['zones'][number]['kind'];

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];
const text = (en: string) => ({ ar: en, fr: en, en });

function zone(id: string, kind: Kind, x: number, capacity: number): Venue['zones'][number] {
  return { id, name: text(id), kind, polygon: square(x, 0, 20), areaM2: 400, capacity, thresholds: { busy: 1, crowded: 2, critical: 3 } };
}

function gate(id: string, from: string | null, to: string | null): Venue['gates'][number] {
  return { id, name: text(id), from, to, position: [0, 0] };
}

/**
 * A small fair built by hand, shaped like the Fes one: a plaza behind two entrances, a promenade, and
 * exhibit, stage and seminar zones off the promenade; twelve stands.
 */
export function tinyVenue(): Venue {
  return {
    id: 'tiny',
    name: text('Tiny fair'),
    timezone: 'Africa/Casablanca',
    width: 200,
    height: 40,
    openingHours: { open: '10:00', close: '22:00' },
    zones: [
      zone('plaza', 'circulation', 0, 600),
      zone('promenade', 'circulation', 20, 800),
      zone('products', 'exhibit', 40, 1200),
      zone('international', 'exhibit', 60, 500),
      zone('stage', 'stage', 80, 600),
      zone('seminar', 'seminar', 100, 200),
    ],
    stands: Array.from({ length: 12 }, (_, i) => ({
      id: i < 8 ? `P-${String(i + 1).padStart(3, '0')}` : `INT-${i - 7}`,
      zone: i < 8 ? 'products' : 'international',
      name: text(`stand ${i + 1}`),
      polygon: square(40 + i, 1, 1),
    })),
    gates: [
      gate('main-gate', null, 'plaza'),
      gate('second-gate', null, 'plaza'),
      gate('plaza-promenade', 'plaza', 'promenade'),
      gate('promenade-products', 'promenade', 'products'),
      gate('promenade-international', 'promenade', 'international'),
      gate('promenade-stage', 'promenade', 'stage'),
      gate('promenade-seminar', 'promenade', 'seminar'),
    ],
  };
}
