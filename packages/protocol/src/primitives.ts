import { z } from 'zod';

/** Identifiers of reports, gates, stands, zones and badges: 1 to 128 characters. */
export const Identifier = z.string().min(1).max(128);

/**
 * Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069). Typed into a
 * description, U+202E (right-to-left override) shows the rest of it, and of any line it is shown in,
 * reversed: a "ticket" can be made to read as something else. Plain Arabic, French and English need
 * none of them (the marks U+200E/U+200F, which reorder nothing, stay).
 */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** `text` without bidirectional controls: for text people type and others read. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/** Text typed by staff (descriptions, notes): bidirectional controls dropped, trimmed, 1 to `max` characters. */
export function FreeText(max: number) {
  return z.string().overwrite(withoutBidiControls).trim().min(1).max(max);
}

/** An ISO-8601 instant with a time zone (`Z` or an offset), as devices and phones send it. */
export const Instant = z.iso.datetime({ offset: true });

/** A point on the floor plan, metres from the south-west corner. */
export const Point = z.tuple([z.number().finite(), z.number().finite()]);

/** Most items one ingest request may carry. */
export const MAX_BATCH = 1000;
