import type { Venue } from '@fairwatch/venue';

const thresholds = { busy: 1, crowded: 2, critical: 3.5 };
const square = (x: number, y: number, w: number, h: number): Array<[number, number]> => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
const name = (text: string) => ({ ar: text, fr: text, en: text });

/** A two-zone venue small enough to reason about in unit tests: hall (100 m²) and stage (50 m²). */
export const tinyVenue: Venue = {
  id: 'tiny',
  name: name('Tiny fair'),
  timezone: 'Africa/Casablanca',
  width: 15,
  height: 10,
  zones: [
    { id: 'hall', name: name('Hall'), kind: 'exhibit', polygon: square(0, 0, 10, 10), areaM2: 100, capacity: 200, thresholds },
    { id: 'stage', name: name('Stage'), kind: 'stage', polygon: square(10, 0, 5, 10), areaM2: 50, capacity: 150, thresholds },
  ],
  stands: [
    { id: 'S1', zone: 'hall', name: name('Stand 1'), polygon: square(1, 1, 3, 3) },
    { id: 'S2', zone: 'hall', name: name('Stand 2'), polygon: square(5, 1, 3, 3) },
  ],
  gates: [
    { id: 'door', name: name('Door'), from: null, to: 'hall', position: [5, 0] },
    { id: 'hall-stage', name: name('Hall to stage'), from: 'hall', to: 'stage', position: [10, 5] },
  ],
};
