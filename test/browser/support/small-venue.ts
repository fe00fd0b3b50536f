import type { Venue } from '@fairwatch/venue';

/** A 100 × 60 m floor with one hall on its west half and one entrance: room to draw in the east half. */
export function smallVenue(): Venue {
  return {
    id: 'test-fair',
    name: { ar: 'معرض الاختبار', fr: 'Foire test', en: 'Test fair' },
    timezone: 'Africa/Casablanca',
    width: 100,
    height: 60,
    thresholdsSource: 'UK Green Guide',
    zones: [
      {
        id: 'hall',
        name: { ar: 'القاعة', fr: 'Hall', en: 'Hall' },
        kind: 'exhibit',
        polygon: [[0, 0], [50, 0], [50, 60], [0, 60]],
        areaM2: 3000,
        capacity: 6000,
        thresholds: { busy: 1.5, crowded: 2.5, critical: 3.5 },
      },
    ],
    stands: [],
    gates: [{ id: 'main-gate', name: { ar: 'المدخل', fr: 'Entrée', en: 'Entrance' }, from: null, to: 'hall', position: [25, 0], widthM: 4 }],
  };
}
