import { z } from 'zod';
import { arrayOf, countOf, instantOf, MAX_READING, objectOf, PayloadError, textOf, type VendorPayload, type VendorReading } from './vendor-payload.ts';

/** A dot path into a JSON document (`data.counts.in`). */
const Path = z.string().regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dot path such as data.counts.in').max(200);

/**
 * The generic webhook: any device that posts JSON, read through a mapping of dot paths given in the
 * devices file. `items` (optional) is where the list of readings is (else the body is one reading or a
 * list of them); each reading has `line`, and either `in`/`out` (persons in an interval: then `id` or
 * `at` must be given, so that a resend counts once) or `inTotal`/`outTotal` (running totals).
 */
export const WebhookMapping = z.strictObject({
  items: Path.optional(),
  line: Path,
  in: Path.optional(),
  out: Path.optional(),
  inTotal: Path.optional(),
  outTotal: Path.optional(),
  at: Path.optional(),
  id: Path.optional(),
  occupancy: Path.optional(),
  battery: Path.optional(),
  signal: Path.optional(),
}).refine((m) => Boolean(m.in || m.out) !== Boolean(m.inTotal || m.outTotal), 'map either in/out (intervals) or inTotal/outTotal (running totals)');
export type WebhookMapping = z.infer<typeof WebhookMapping>;

/** A count at a path: absent is 0 (a direction the device does not send), anything else must be a count. */
function countAt(item: unknown, path: string | undefined, where: string, max?: number): number {
  const value = at(item, path);
  return value === undefined ? 0 : countOf(value, where, max);
}

function at(document: unknown, path: string | undefined): unknown {
  if (!path) return undefined;
  let value: unknown = document;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function parseWebhook(body: unknown, mapping: WebhookMapping): VendorPayload {
  const list = mapping.items ? arrayOf(at(body, mapping.items), mapping.items) : Array.isArray(body) ? arrayOf(body, '(body)') : [objectOf(body, '(body)')];
  const totals = Boolean(mapping.inTotal || mapping.outTotal);
  let occupancy: number | undefined;
  let battery: number | undefined;
  let signal: number | undefined;
  const readings: VendorReading[] = list.map((item, index) => {
    const path = (field: string | undefined) => (mapping.items ? `${mapping.items}.${index}.${field}` : Array.isArray(body) ? `${index}.${field}` : String(field));
    const line = textOf(at(item, mapping.line), path(mapping.line));
    const atValue = at(item, mapping.at);
    const atMs = atValue === undefined ? undefined : instantOf(atValue, path(mapping.at));
    const idValue = at(item, mapping.id);
    const id = idValue === undefined ? undefined : textOf(idValue, path(mapping.id));
    const occupancyValue = at(item, mapping.occupancy);
    if (occupancyValue !== undefined) occupancy = (occupancy ?? 0) + countOf(occupancyValue, path(mapping.occupancy));
    const batteryValue = at(item, mapping.battery);
    if (typeof batteryValue === 'number') battery = batteryValue;
    const signalValue = at(item, mapping.signal);
    if (typeof signalValue === 'number') signal = signalValue;
    if (totals) {
      const inTotal = countAt(item, mapping.inTotal, path(mapping.inTotal));
      const outTotal = countAt(item, mapping.outTotal, path(mapping.outTotal));
      return { line, form: 'totals', in: inTotal, out: outTotal, atMs, key: id ? `id:${id}` : `totals:${atMs ?? ''}:${inTotal}:${outTotal}` };
    }
    if (id === undefined && atMs === undefined) throw new PayloadError('an interval count needs an id or a time, so that a resend counts once', path(mapping.id ?? mapping.at ?? 'id'));
    const inCount = countAt(item, mapping.in, path(mapping.in), MAX_READING);
    const outCount = countAt(item, mapping.out, path(mapping.out), MAX_READING);
    return { line, form: 'interval', in: inCount, out: outCount, atMs, key: id ? `id:${id}` : `at:${atMs}:${inCount}:${outCount}` };
  });
  return { readings, occupancy, battery, signal };
}
