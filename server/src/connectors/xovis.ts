import { arrayOf, countOf, instantOf, MAX_READING, objectOf, PayloadError, textOf, type VendorPayload, type VendorReading } from './vendor-payload.ts';

/**
 * Xovis PC-series sensors, JSON data push (Config view › Data push, format JSON; see the PC-Series
 * user manual, "Data push", and the Xovis API documentation). Three shapes are read:
 *
 * - `logics_data` with `records` (`from`, `to`, `counts: [{ name: "fw" | "bw", value }]`): persons per
 *   interval per logic (count line); an interval is unique by logic and start, so a resent interval
 *   counts once;
 * - `logics_data` with `counts` directly on a logic (live logic counts): totals since the last reset;
 * - `live_data` frames with `LINE_COUNT` events (`direction` FORWARD / BACKWARD): one person each,
 *   unique by logic, track and frame time.
 *
 * `fw` (forward) is taken as in and `bw` (backward) as out; a line mounted the other way is mapped
 * `reversed` in the devices file.
 */
export function parseXovis(body: unknown): VendorPayload {
  const root = objectOf(body, '(body)');
  if (root.logics_data !== undefined) return parseLogics(objectOf(root.logics_data, 'logics_data'));
  if (root.live_data !== undefined) return parseLive(objectOf(root.live_data, 'live_data'));
  throw new PayloadError('a Xovis push has logics_data or live_data');
}

function sensorOf(data: Record<string, unknown>, path: string): { serial?: string; deviceTimeMs?: number } {
  const info = data.sensor_info === undefined ? {} : objectOf(data.sensor_info, `${path}.sensor_info`);
  const serial = info.serial_number === undefined ? undefined : textOf(info.serial_number, `${path}.sensor_info.serial_number`);
  const deviceTimeMs = info.time === undefined ? undefined : instantOf(info.time, `${path}.sensor_info.time`);
  return { ...(serial && { serial }), ...(deviceTimeMs && { deviceTimeMs }) };
}

function directionCounts(counts: unknown[], path: string): { in: number; out: number } {
  let fw = 0;
  let bw = 0;
  counts.forEach((entry, index) => {
    const count = objectOf(entry, `${path}.${index}`);
    const name = String(count.name ?? '').toLowerCase();
    const value = countOf(count.value, `${path}.${index}.value`);
    if (name === 'fw' || name === 'forward') fw += value;
    else if (name === 'bw' || name === 'backward') bw += value;
  });
  return { in: fw, out: bw };
}

function parseLogics(data: Record<string, unknown>): VendorPayload {
  const readings: VendorReading[] = [];
  arrayOf(data.logics, 'logics_data.logics').forEach((entry, index) => {
    const path = `logics_data.logics.${index}`;
    const logic = objectOf(entry, path);
    const line = textOf(logic.id, `${path}.id`);
    if (logic.records !== undefined) {
      arrayOf(logic.records, `${path}.records`).forEach((recordEntry, r) => {
        const recordPath = `${path}.records.${r}`;
        const record = objectOf(recordEntry, recordPath);
        const fromMs = instantOf(record.from, `${recordPath}.from`);
        const toMs = record.to === undefined ? fromMs : instantOf(record.to, `${recordPath}.to`);
        const counts = directionCounts(arrayOf(record.counts, `${recordPath}.counts`), `${recordPath}.counts`);
        if (counts.in > MAX_READING || counts.out > MAX_READING) throw new PayloadError(`more than ${MAX_READING} persons in one interval`, `${recordPath}.counts`);
        readings.push({ line, form: 'interval', ...counts, atMs: toMs, key: `interval:${fromMs}` });
      });
    } else {
      const counts = directionCounts(arrayOf(logic.counts, `${path}.counts`), `${path}.counts`);
      readings.push({ line, form: 'totals', ...counts, key: `totals:${counts.in}:${counts.out}` });
    }
  });
  return { ...sensorOf(data, 'logics_data'), readings };
}

function parseLive(data: Record<string, unknown>): VendorPayload {
  const readings: VendorReading[] = [];
  arrayOf(data.frames, 'live_data.frames', 10_000).forEach((entry, f) => {
    const path = `live_data.frames.${f}`;
    const frame = objectOf(entry, path);
    const atMs = instantOf(frame.time, `${path}.time`);
    arrayOf(frame.events ?? [], `${path}.events`).forEach((eventEntry, e) => {
      const event = objectOf(eventEntry, `${path}.events.${e}`);
      if (event.type !== 'LINE_COUNT') return; // zone and other events carry no crossing
      const attributes = objectOf(event.attributes, `${path}.events.${e}.attributes`);
      const line = textOf(attributes.counting_item_id, `${path}.events.${e}.attributes.counting_item_id`);
      const direction = String(attributes.direction ?? '').toUpperCase();
      if (direction !== 'FORWARD' && direction !== 'BACKWARD') throw new PayloadError('direction is FORWARD or BACKWARD', `${path}.events.${e}.attributes.direction`);
      const track = attributes.track_id === undefined ? `${e}` : textOf(attributes.track_id, `${path}.events.${e}.attributes.track_id`);
      readings.push({ line, form: 'interval', in: direction === 'FORWARD' ? 1 : 0, out: direction === 'BACKWARD' ? 1 : 0, atMs, key: `event:${atMs}:${track}:${direction}` });
    });
  });
  return { ...sensorOf(data, 'live_data'), readings };
}
