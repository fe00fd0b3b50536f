import { arrayOf, countOf, instantOf, MAX_READING, objectOf, PayloadError, textOf, type VendorPayload, type VendorReading } from './vendor-payload.ts';

/**
 * Xovis PC-series sensors, JSON data push (Config view › Data push, format JSON; see the PC-Series
 * user manual, "Data push", and the Xovis API documentation). Three shapes are read:
 *
 * - `logics_data` with `records` (`from`, `to`, `counts: [{ name: "fw" | "bw", value }]`): persons per
 *   interval per logic (count line); an interval is unique by logic and start, so a resent interval
 *   counts once. A zone logic (its counts have no `fw`/`bw`, e.g. `balance`) is no counting line: its
 *   latest `balance` is the device's own occupancy (the second signal), never a reading;
 * - `logics_data` with `counts` directly on a logic (live logic counts): totals since the last reset;
 * - `live_data` frames with `LINE_CROSS_FORWARD` / `LINE_CROSS_BACKWARD` events (category `SCENE`,
 *   the line's `geometry_id`): one person each, unique by line, track and frame time. A `GROUP`
 *   track repeats its members' crossings (Xovis group counting), so only `PERSON` tracks count.
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

const FORWARD = new Set(['fw', 'forward']);
const BACKWARD = new Set(['bw', 'backward']);

/** A logic's counts of one record (or its live counts): fw/bw for a line, `balance` for a zone. */
function directionCounts(counts: unknown[], path: string): { in: number; out: number; line: boolean; balance?: number } {
  let fw = 0;
  let bw = 0;
  let line = false;
  let balance: number | undefined;
  counts.forEach((entry, index) => {
    const count = objectOf(entry, `${path}.${index}`);
    const name = String(count.name ?? '').toLowerCase();
    if (FORWARD.has(name)) {
      fw += countOf(count.value, `${path}.${index}.value`);
      line = true;
    } else if (BACKWARD.has(name)) {
      bw += countOf(count.value, `${path}.${index}.value`);
      line = true;
    } else if (name === 'balance') {
      balance = countOf(count.value, `${path}.${index}.value`);
    }
  });
  return { in: fw, out: bw, line, ...(balance !== undefined && { balance }) };
}

function parseLogics(data: Record<string, unknown>): VendorPayload {
  const readings: VendorReading[] = [];
  let occupancy: number | undefined;
  const zoneBalance = (balance: number | undefined) => {
    if (balance !== undefined) occupancy = (occupancy ?? 0) + balance;
  };
  arrayOf(data.logics, 'logics_data.logics').forEach((entry, index) => {
    const path = `logics_data.logics.${index}`;
    const logic = objectOf(entry, path);
    const line = textOf(logic.id, `${path}.id`);
    if (logic.records !== undefined) {
      const lineReadings: VendorReading[] = [];
      let latestBalance: number | undefined;
      let isLine = false;
      arrayOf(logic.records, `${path}.records`).forEach((recordEntry, r) => {
        const recordPath = `${path}.records.${r}`;
        const record = objectOf(recordEntry, recordPath);
        const fromMs = instantOf(record.from, `${recordPath}.from`);
        const toMs = record.to === undefined ? fromMs : instantOf(record.to, `${recordPath}.to`);
        const counts = directionCounts(arrayOf(record.counts, `${recordPath}.counts`), `${recordPath}.counts`);
        if (counts.in > MAX_READING || counts.out > MAX_READING) throw new PayloadError(`more than ${MAX_READING} persons in one interval`, `${recordPath}.counts`);
        isLine ||= counts.line;
        if (counts.balance !== undefined) latestBalance = counts.balance;
        lineReadings.push({ line, form: 'interval', in: counts.in, out: counts.out, atMs: toMs, key: `interval:${fromMs}` });
      });
      if (isLine) readings.push(...lineReadings);
      else zoneBalance(latestBalance);
    } else {
      const counts = directionCounts(arrayOf(logic.counts, `${path}.counts`), `${path}.counts`);
      if (counts.line) readings.push({ line, form: 'totals', in: counts.in, out: counts.out, key: `totals:${counts.in}:${counts.out}` });
      else zoneBalance(counts.balance);
    }
  });
  return { ...sensorOf(data, 'logics_data'), readings, ...(occupancy !== undefined && { occupancy }) };
}

const CROSSINGS: Record<string, 'FORWARD' | 'BACKWARD'> = { LINE_CROSS_FORWARD: 'FORWARD', LINE_CROSS_BACKWARD: 'BACKWARD' };

function parseLive(data: Record<string, unknown>): VendorPayload {
  const readings: VendorReading[] = [];
  arrayOf(data.frames, 'live_data.frames', 10_000).forEach((entry, f) => {
    const path = `live_data.frames.${f}`;
    const frame = objectOf(entry, path);
    const atMs = instantOf(frame.time, `${path}.time`);
    const groups = new Set<string>();
    arrayOf(frame.tracked_objects ?? [], `${path}.tracked_objects`).forEach((tracked) => {
      const object = tracked !== null && typeof tracked === 'object' ? (tracked as Record<string, unknown>) : {};
      if (object.type === 'GROUP' && (typeof object.track_id === 'number' || typeof object.track_id === 'string')) groups.add(String(object.track_id));
    });
    arrayOf(frame.events ?? [], `${path}.events`).forEach((eventEntry, e) => {
      const eventPath = `${path}.events.${e}`;
      const event = objectOf(eventEntry, eventPath);
      const direction = CROSSINGS[String(event.type)];
      if (!direction) return; // zone, track and status events carry no crossing
      const attributes = objectOf(event.attributes, `${eventPath}.attributes`);
      const line = textOf(attributes.geometry_id, `${eventPath}.attributes.geometry_id`);
      const track = attributes.track_id === undefined ? `${e}` : textOf(attributes.track_id, `${eventPath}.attributes.track_id`);
      if (groups.has(track)) return; // a group's crossing repeats its members' own
      readings.push({ line, form: 'interval', in: direction === 'FORWARD' ? 1 : 0, out: direction === 'BACKWARD' ? 1 : 0, atMs, key: `event:${atMs}:${track}:${direction}` });
    });
  });
  return { ...sensorOf(data, 'live_data'), readings };
}
