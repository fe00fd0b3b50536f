import { z } from 'zod';

const Id = z.string().min(1).max(128);
/** A text in the three languages of the product. */
export const LocalizedText = z.object({ ar: z.string().min(1), fr: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedText>;

/** Metres on the floor plan: x to the east, y to the north, origin at the south-west corner. */
export const Point = z.tuple([z.number().finite(), z.number().finite()]);
export type Point = z.infer<typeof Point>;
export const Polygon = z.array(Point).min(3);
export type Polygon = z.infer<typeof Polygon>;

export const ZONE_KINDS = ['exhibit', 'stage', 'seminar', 'circulation', 'service'] as const;

/** Densities (persons/m²) at which a zone becomes busy, crowded, critical; strictly increasing. */
export const Thresholds = z
  .object({ busy: z.number().positive(), crowded: z.number().positive(), critical: z.number().positive() })
  .refine((t) => t.busy < t.crowded && t.crowded < t.critical, {
    message: 'thresholds must increase: busy < crowded < critical',
  });
export type Thresholds = z.infer<typeof Thresholds>;

export const Zone = z.object({
  id: Id,
  name: LocalizedText,
  kind: z.enum(ZONE_KINDS),
  polygon: Polygon,
  areaM2: z.number().positive(),
  /** Safe capacity in persons. */
  capacity: z.int().positive(),
  thresholds: Thresholds,
});
export type Zone = z.infer<typeof Zone>;

export const Stand = z.object({
  id: Id,
  zone: Id,
  name: LocalizedText,
  polygon: Polygon,
});
export type Stand = z.infer<typeof Stand>;

/** A counting line: `in` people move from `from` to `to`, `out` the reverse; null is outside. */
export const Gate = z.object({
  id: Id,
  name: LocalizedText,
  from: Id.nullable(),
  to: Id.nullable(),
  position: Point,
});
export type Gate = z.infer<typeof Gate>;

export const Venue = z.object({
  id: Id,
  name: LocalizedText,
  timezone: z.string().min(1),
  width: z.number().positive(),
  height: z.number().positive(),
  /** Local opening hours, "HH:MM" (an extension of the contract; the simulator and charts use them). */
  openingHours: z.object({ open: z.string().regex(/^\d\d:\d\d$/), close: z.string().regex(/^\d\d:\d\d$/) }).optional(),
  /** Where the density thresholds come from (an extension of the contract). */
  thresholdsSource: z.string().optional(),
  zones: z.array(Zone).min(1),
  stands: z.array(Stand),
  gates: z.array(Gate).min(1),
});
export type Venue = z.infer<typeof Venue>;
