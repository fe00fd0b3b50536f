import { z } from 'zod';

/** Identifiers of reports, gates, stands, zones and badges: 1 to 128 characters. */
export const Identifier = z.string().min(1).max(128);

/** An ISO-8601 instant with a time zone (`Z` or an offset), as devices and phones send it. */
export const Instant = z.iso.datetime({ offset: true });

/** A point on the floor plan, metres from the south-west corner. */
export const Point = z.tuple([z.number().finite(), z.number().finite()]);

/** Most items one ingest request may carry. */
export const MAX_BATCH = 1000;
