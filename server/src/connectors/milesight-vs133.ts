import { countOf, instantOf, objectOf, PayloadError, textOf, type VendorPayload, type VendorReading } from './vendor-payload.ts';

/**
 * Milesight VS133 (and VS13x/VS350-style) people counters over LoRaWAN, as their network server
 * publishes the decoded uplink on MQTT: `line_N_total_in` / `line_N_total_out` (running totals since
 * the counter's reset; Milesight-IoT/SensorDecoders, VS133 payload definition), `region_N_count`
 * (persons in region N: the device's own occupancy), either at the top level (the Milesight gateway's
 * decoded JSON) or under `object` (ChirpStack's uplink event, with `time`, `deviceInfo.devEui` and
 * `rxInfo[].rssi`). The decoded totals have no time of their own: without the network server's `time`
 * they are dated on arrival. Counters with 2-byte totals wrap at 65,535 (the store keeps the count).
 */
export function parseMilesightVs133(body: unknown): VendorPayload {
  const root = objectOf(body, '(body)');
  const decoded = root.object === undefined ? root : objectOf(root.object, 'object');
  const atMs = root.time === undefined ? undefined : instantOf(root.time, 'time');
  const device = root.deviceInfo === undefined ? {} : objectOf(root.deviceInfo, 'deviceInfo');
  const serial = device.devEui ?? root.devEUI;
  const readings: VendorReading[] = [];
  for (let n = 1; n <= 4; n++) {
    const inKey = `line_${n}_total_in`;
    const outKey = `line_${n}_total_out`;
    if (decoded[inKey] === undefined && decoded[outKey] === undefined) continue;
    // Both totals or neither: a missing one read as 0 would look like a counter reset.
    if (decoded[inKey] === undefined || decoded[outKey] === undefined) throw new PayloadError(`${inKey} and ${outKey} come together`, decoded[inKey] === undefined ? inKey : outKey);
    const inTotal = countOf(decoded[inKey], inKey);
    const outTotal = countOf(decoded[outKey], outKey);
    readings.push({ line: `line_${n}`, form: 'totals', in: inTotal, out: outTotal, atMs, key: `totals:${atMs ?? ''}:${inTotal}:${outTotal}` });
  }
  let occupancy: number | undefined;
  for (let n = 1; n <= 4; n++) {
    const key = `region_${n}_count`;
    if (decoded[key] !== undefined) occupancy = (occupancy ?? 0) + countOf(decoded[key], key);
  }
  if (readings.length === 0 && occupancy === undefined) throw new PayloadError('no line_N_total_in/out or region_N_count in the uplink');
  const rx = Array.isArray(root.rxInfo) ? (root.rxInfo[0] as Record<string, unknown> | undefined) : undefined;
  const signal = typeof rx?.rssi === 'number' ? rx.rssi : undefined;
  const battery = typeof decoded.battery === 'number' ? decoded.battery : undefined;
  return { serial: serial === undefined ? undefined : textOf(serial, 'deviceInfo.devEui'), deviceTimeMs: atMs, readings, occupancy, signal, battery };
}
