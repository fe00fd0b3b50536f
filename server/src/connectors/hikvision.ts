import { XMLParser } from 'fast-xml-parser';
import { countOf, instantOf, MAX_READING, objectOf, PayloadError, textOf, type VendorPayload } from './vendor-payload.ts';

/**
 * Hikvision people-counting cameras, ISAPI event push ("HTTP listening" / alarm host): an
 * `EventNotificationAlert` of `eventType` `PeopleCounting` (Device Network SDK (People Counting)
 * Developer Guide, XML_EventNotificationAlert_PeopleCountingMsg). Its `peopleCounting` part reads
 * either `statisticalMethods` `realTime` (running totals `enter` / `exit` since the counter's last
 * reset, at `RealTime/time`) or `timeRange` (persons counted between `TimeRange/startTime` and
 * `endTime`). Data the camera stored during an outage and sends again is marked
 * `isDataRetransmission` (some firmware: `isReSend`); an interval is unique by channel and start, so
 * it counts once however often it comes. Cameras often post multipart/form-data with the XML as one
 * part and pictures as others: the XML is taken from wherever it is in the body. Firmware writes the
 * ISAPI 2.0 namespace or the older `urn:psialliance-org` (version 1.0): both are read.
 */
const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, parseTagValue: false, trimValues: true, processEntities: false });

/** The EventNotificationAlert document within a body (plain XML, or one part of a multipart body). */
export function alertXmlOf(raw: string): string {
  const start = raw.search(/<(\w+:)?EventNotificationAlert[\s>]/);
  const end = raw.search(/<\/(\w+:)?EventNotificationAlert>/);
  if (start < 0 || end < start) throw new PayloadError('no EventNotificationAlert XML in the body');
  return raw.slice(start, raw.indexOf('>', end) + 1);
}

export function parseHikvision(raw: string): VendorPayload {
  let document: Record<string, unknown>;
  try {
    document = parser.parse(alertXmlOf(raw), true) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof PayloadError) throw error;
    throw new PayloadError(`the XML is malformed: ${String((error as Error).message).split('\n')[0]}`);
  }
  const alert = objectOf(document.EventNotificationAlert, 'EventNotificationAlert');
  const type = String(alert.eventType ?? '');
  if (type.toLowerCase() !== 'peoplecounting') throw new PayloadError(`eventType "${type.slice(0, 40)}" is not PeopleCounting`, 'eventType');
  const counting = objectOf(alert.peopleCounting, 'peopleCounting');
  // A camera with several counting regions on a channel says which (`regionsID`): region 1 (or none)
  // is the channel's line, "1", another region its own line, "1.2", each with its own intervals and totals.
  const channel = textOf(alert.channelID ?? '1', 'channelID');
  const region = counting.regionsID === undefined || counting.regionsID === '' ? '1' : textOf(counting.regionsID, 'peopleCounting.regionsID');
  const line = region === '1' ? channel : `${channel}.${region}`;
  const serial = alert.macAddress === undefined ? undefined : textOf(alert.macAddress, 'macAddress');
  const resent = /^true$/i.test(String(alert.isDataRetransmission ?? counting.isDataRetransmission ?? alert.isReSend ?? counting.isReSend ?? ''));
  const sentMs = alert.dateTime === undefined ? undefined : instantOf(alert.dateTime, 'dateTime');
  const enter = countOf(counting.enter ?? 0, 'peopleCounting.enter');
  const exit = countOf(counting.exit ?? 0, 'peopleCounting.exit');
  const method = String(counting.statisticalMethods ?? '');
  const base = { serial, deviceTimeMs: resent ? undefined : sentMs };

  if (method === 'timeRange') {
    const range = objectOf(counting.TimeRange, 'peopleCounting.TimeRange');
    const startMs = instantOf(range.startTime, 'peopleCounting.TimeRange.startTime');
    const endMs = instantOf(range.endTime, 'peopleCounting.TimeRange.endTime');
    if (endMs < startMs) throw new PayloadError('the interval ends before it starts', 'peopleCounting.TimeRange.endTime');
    if (enter > MAX_READING || exit > MAX_READING) throw new PayloadError(`more than ${MAX_READING} persons in one interval`, 'peopleCounting');
    return { ...base, readings: [{ line, form: 'interval', in: enter, out: exit, atMs: endMs, key: `interval:${startMs}`, resent }] };
  }
  if (method === 'realTime') {
    const real = counting.RealTime === undefined ? {} : objectOf(counting.RealTime, 'peopleCounting.RealTime');
    const atMs = real.time === undefined ? sentMs : instantOf(real.time, 'peopleCounting.RealTime.time');
    return { ...base, readings: [{ line, form: 'totals', in: enter, out: exit, atMs, key: `totals:${atMs ?? 'now'}:${enter}:${exit}`, resent }] };
  }
  throw new PayloadError(`statisticalMethods "${method.slice(0, 40)}" is neither realTime nor timeRange`, 'peopleCounting.statisticalMethods');
}
