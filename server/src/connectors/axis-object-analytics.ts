import { countOf, instantOf, objectOf, PayloadError, textOf, type VendorPayload } from './vendor-payload.ts';

/**
 * AXIS Object Analytics, "Crossline counting" scenario, events published over MQTT by the camera's
 * MQTT client (System › MQTT › event publication, JSON). The message has the event's `topic`
 * (`…/ObjectAnalytics/Device1Scenario1`), `timestamp` (epoch ms), `serial`, and
 * `message.data` with the totals per object class since the scenario's last reset (`total`,
 * `totalHuman`, …, as strings; see "AXIS Object Analytics counting data" on Axis's developer pages).
 * A crossline scenario counts one direction: the devices file says whether a scenario's line is the
 * gate's in or its out. Humans are counted (`totalHuman`; `total` when the scenario counts humans only).
 */
export function parseAxisObjectAnalytics(body: unknown): VendorPayload {
  const root = objectOf(body, '(body)');
  const topic = textOf(root.topic, 'topic');
  const scenario = /([^/]*Scenario[^/]*)$/.exec(topic)?.[1];
  if (!scenario) throw new PayloadError('not an Object Analytics scenario event', 'topic');
  const serial = root.serial === undefined ? undefined : textOf(root.serial, 'serial');
  const atMs = root.timestamp === undefined ? undefined : instantOf(root.timestamp, 'timestamp');
  const data = objectOf(objectOf(root.message, 'message').data, 'message.data');
  const total = countOf(data.totalHuman ?? data.total, data.totalHuman === undefined ? 'message.data.total' : 'message.data.totalHuman');
  const since = typeof data.startTime === 'string' ? data.startTime.slice(0, 40) : '';
  return { serial, deviceTimeMs: atMs, readings: [{ line: scenario, form: 'totals', in: total, out: 0, atMs, key: `totals:${since}:${total}` }] };
}
