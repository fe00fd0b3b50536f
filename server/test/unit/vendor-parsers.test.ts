import { describe, expect, it } from 'vitest';
import { parseAxisLiveSum } from '../../src/connectors/axis-people-counter.ts';
import { parseAxisObjectAnalytics } from '../../src/connectors/axis-object-analytics.ts';
import { parseHikvision } from '../../src/connectors/hikvision.ts';
import { parseMilesightVs133 } from '../../src/connectors/milesight-vs133.ts';
import { PayloadError } from '../../src/connectors/vendor-payload.ts';
import { parseWebhook, WebhookMapping } from '../../src/connectors/webhook.ts';
import { parseXovis } from '../../src/connectors/xovis.ts';
import { localDateTimeToInstant } from '@fairwatch/venue/venue-time';
import {
  axisLiveSum, axisObjectAnalytics, chirpstackUplink, HIKVISION_REALTIME, hikvisionInterval, hikvisionV1Interval, multipart, VS133_DOCUMENTED_REGIONS, VS133_DOCUMENTED_TOTALS,
  XOVIS_LIVE_EVENTS, XOVIS_LOGICS_EPOCH, XOVIS_LOGICS_INTERVALS, XOVIS_LOGICS_LIVE_TOTALS,
} from '../fixtures/vendor-samples.ts';

const fes = (local: Parameters<typeof localDateTimeToInstant>[0]) => localDateTimeToInstant(local, 'Africa/Casablanca');

describe('Xovis push', () => {
  it('reads logic intervals as persons per interval, keyed by logic and start; a zone logic is the occupancy, not a line', () => {
    const payload = parseXovis(JSON.parse(XOVIS_LOGICS_INTERVALS));
    expect(payload.serial).toBe('80:1F:12:D4:A1:B2');
    expect(payload.deviceTimeMs).toBe(Date.parse('2022-10-15T09:02:05Z'));
    expect(payload.readings).toEqual([
      { line: '0', form: 'interval', in: 14, out: 3, atMs: Date.parse('2022-10-15T09:01:00Z'), key: `interval:${Date.parse('2022-10-15T09:00:00Z')}` },
      { line: '0', form: 'interval', in: 9, out: 2, atMs: Date.parse('2022-10-15T09:02:00Z'), key: `interval:${Date.parse('2022-10-15T09:01:00Z')}` },
    ]);
    // the zone logic's latest balance, kept as the device's own occupancy
    expect(payload.occupancy).toBe(4);
  });

  it('reads epoch-millisecond intervals, counting fw/bw once (add-on counts such as fw-male are a breakdown)', () => {
    expect(parseXovis(JSON.parse(XOVIS_LOGICS_EPOCH)).readings).toEqual([{ line: '0', form: 'interval', in: 5, out: 1, atMs: 1665824460000, key: 'interval:1665824400000' }]);
  });

  it('reads live logic counts as totals since the reset, without a time of their own', () => {
    expect(parseXovis(JSON.parse(XOVIS_LOGICS_LIVE_TOTALS)).readings).toEqual([{ line: '0', form: 'totals', in: 1250, out: 310, key: 'totals:1250:310' }]);
  });

  it('reads LINE_CROSS events as one person each on their geometry, skipping zone events and group repeats', () => {
    const readings = parseXovis(JSON.parse(XOVIS_LIVE_EVENTS)).readings;
    expect(readings.map((r) => [r.line, r.in, r.out, r.atMs])).toEqual([['2', 1, 0, 1665824580000], ['2', 0, 1, 1665824581200]]);
    expect(new Set(readings.map((r) => r.key)).size).toBe(2);
  });

  it('names the bad part of a malformed push', () => {
    expect(() => parseXovis({ logics_data: { logics: [{ id: 0, records: [{ from: 'yesterday', counts: [] }] }] } })).toThrowError(expect.objectContaining({ path: 'logics_data.logics.0.records.0.from' }));
    expect(() => parseXovis({ something: 1 })).toThrow(PayloadError);
    expect(() => parseXovis({ logics_data: { logics: [{ id: 0, records: [{ from: '2022-10-15T10:00:00Z', counts: [{ name: 'fw', value: 50_000 }] }] }] } })).toThrow(/more than 10000/);
  });
});

describe('Hikvision ISAPI people counting', () => {
  it('reads realTime running totals with the camera clock', () => {
    const payload = parseHikvision(HIKVISION_REALTIME);
    expect(payload).toMatchObject({ serial: '44:19:b6:6d:24:85', deviceTimeMs: Date.parse('2022-10-15T09:31:02Z') });
    expect(payload.readings).toEqual([{ line: '1', form: 'totals', in: 120, out: 35, atMs: Date.parse('2022-10-15T09:31:02Z'), key: `totals:${Date.parse('2022-10-15T09:31:02Z')}:120:35`, resent: false }]);
  });

  it('reads a timeRange interval keyed by its start, and a resent one flagged without a clock reading', () => {
    const live = parseHikvision(hikvisionInterval('2022-10-15T10:45:00+01:00', '2022-10-15T11:00:00+01:00', 40, 12));
    expect(live.readings[0]).toMatchObject({ form: 'interval', in: 40, out: 12, key: `interval:${Date.parse('2022-10-15T09:45:00Z')}`, resent: false });
    const resent = parseHikvision(hikvisionInterval('2022-10-15T10:45:00+01:00', '2022-10-15T11:00:00+01:00', 40, 12, true));
    expect(resent.readings[0]).toMatchObject({ key: live.readings[0]!.key, resent: true });
    expect(resent.deviceTimeMs).toBeUndefined();
  });

  it('reads the older psialliance push, each counting region its own line with its own intervals', () => {
    const first = parseHikvision(hikvisionV1Interval('2022-10-15T10:45:00+01:00', '2022-10-15T11:00:00+01:00', 7, 2));
    expect(first.readings[0]).toMatchObject({ line: '1', form: 'interval', in: 7, out: 2, key: `interval:${Date.parse('2022-10-15T09:45:00Z')}` });
    const second = parseHikvision(hikvisionV1Interval('2022-10-15T10:45:00+01:00', '2022-10-15T11:00:00+01:00', 3, 1, '2'));
    expect(second.readings[0]).toMatchObject({ line: '1.2', in: 3, out: 1 });
  });

  it('finds the XML inside a multipart body', () => {
    expect(parseHikvision(multipart(HIKVISION_REALTIME)).readings[0]).toMatchObject({ in: 120, out: 35 });
  });

  it('refuses other events and broken XML with a clear message', () => {
    expect(() => parseHikvision(HIKVISION_REALTIME.replace('<eventType>PeopleCounting', '<eventType>VMD'))).toThrow(/not PeopleCounting/);
    expect(() => parseHikvision('<html>hello</html>')).toThrow(/no EventNotificationAlert/);
    expect(() => parseHikvision(HIKVISION_REALTIME.replace('<enter>120</enter>', '<enter>-4</enter>'))).toThrowError(expect.objectContaining({ path: 'peopleCounting.enter' }));
  });
});

describe('AXIS People Counter live-sum.json', () => {
  it('reads today\'s totals at the camera\'s local time, in the venue\'s zone', () => {
    const payload = parseAxisLiveSum(JSON.parse(axisLiveSum('20221015103000', 1254, 1187)), fes);
    // 10:30 in Fes in October 2022 is UTC+1.
    expect(payload.readings).toEqual([{ line: '0', form: 'totals', in: 1254, out: 1187, atMs: Date.parse('2022-10-15T09:30:00Z'), key: 'totals:20221015103000:1254:1187' }]);
    expect(payload.deviceTimeMs).toBe(Date.parse('2022-10-15T09:30:00Z'));
  });

  it('refuses a timestamp that is not a local date and time', () => {
    expect(() => parseAxisLiveSum(JSON.parse(axisLiveSum('2022-13-45', 1, 1)), fes)).toThrowError(expect.objectContaining({ path: 'timestamp' }));
  });
});

describe('AXIS Object Analytics crossline over MQTT', () => {
  it('reads the scenario\'s human total since its reset', () => {
    const payload = parseAxisObjectAnalytics(JSON.parse(axisObjectAnalytics('Scenario1', 57, 1665826000000)));
    expect(payload.readings).toEqual([{ line: 'Device1Scenario1', form: 'totals', in: 57, out: 0, atMs: 1665826000000, key: 'totals:2022-10-15T07:00:00Z:57' }]);
    expect(payload.serial).toBe('B8A44F123456');
  });

  it('refuses an event that is not a scenario', () => {
    expect(() => parseAxisObjectAnalytics({ topic: 'axis:Device/IO/Port', message: { data: {} } })).toThrow(/not an Object Analytics scenario/);
  });
});

describe('Milesight VS133 uplinks', () => {
  it('reads the documented decode as totals per line, dated on arrival, regions as occupancy', () => {
    const payload = parseMilesightVs133({ ...VS133_DOCUMENTED_TOTALS, ...VS133_DOCUMENTED_REGIONS });
    expect(payload.readings.map((r) => [r.line, r.in, r.out, r.atMs])).toEqual([
      ['line_1', 72, 200, undefined], ['line_2', 0, 0, undefined], ['line_3', 0, 0, undefined], ['line_4', 5300, 6797, undefined],
    ]);
    expect(payload.occupancy).toBe(34);
  });

  it('takes time, device and signal from a ChirpStack uplink', () => {
    const payload = parseMilesightVs133(JSON.parse(chirpstackUplink({ line_1_total_in: 10, line_1_total_out: 4 }, '2022-10-15T10:00:00Z')));
    expect(payload).toMatchObject({ serial: '24e124538b223213', signal: -97, deviceTimeMs: Date.parse('2022-10-15T10:00:00Z') });
    expect(payload.readings[0]).toMatchObject({ line: 'line_1', in: 10, out: 4, atMs: Date.parse('2022-10-15T10:00:00Z') });
  });

  it('refuses an uplink without counts', () => {
    expect(() => parseMilesightVs133({ temperature: 21 })).toThrow(/no line_N_total/);
  });
});

describe('generic webhook mapping', () => {
  const mapping = WebhookMapping.parse({ items: 'data.events', line: 'sensor', in: 'enter', out: 'leave', at: 'ts', id: 'uuid', battery: 'bat' });

  it('reads readings through dot paths', () => {
    const payload = parseWebhook({ data: { events: [{ sensor: 'L1', enter: 3, leave: 1, ts: '2022-10-15T10:00:00Z', uuid: 'e-1', bat: 81 }] } }, mapping);
    expect(payload.readings).toEqual([{ line: 'L1', form: 'interval', in: 3, out: 1, atMs: Date.parse('2022-10-15T10:00:00Z'), key: 'id:e-1' }]);
    expect(payload.battery).toBe(81);
  });

  it('refuses an interval count with neither id nor time (a resend could not be told apart)', () => {
    const bare = WebhookMapping.parse({ line: 'line', in: 'in', out: 'out' });
    expect(() => parseWebhook({ line: 'L1', in: 3, out: 1 }, bare)).toThrow(/needs an id or a time/);
  });

  it('refuses a mapping that mixes intervals and totals', () => {
    expect(WebhookMapping.safeParse({ line: 'l', in: 'a', inTotal: 'b' }).success).toBe(false);
  });
});

describe('missing or empty counts', () => {
  it('refuses one VS133 total without the other (a missing total read as 0 would look like a reset)', () => {
    expect(() => parseMilesightVs133({ line_1_total_in: 10 })).toThrowError(expect.objectContaining({ path: 'line_1_total_out' }));
    expect(() => parseMilesightVs133({ line_1_total_in: null, line_1_total_out: 3 })).toThrowError(expect.objectContaining({ path: 'line_1_total_in' }));
  });

  it('refuses a null count from a webhook instead of reading it as 0', () => {
    const mapping = WebhookMapping.parse({ line: 'line', in: 'in', out: 'out', id: 'id' });
    expect(() => parseWebhook({ line: 'L', in: null, out: 1, id: 'a' }, mapping)).toThrowError(expect.objectContaining({ path: 'in' }));
  });
});
