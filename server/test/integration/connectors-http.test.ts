import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { asIfRecent, writeDevicesFile } from '../support/devices-fixture.ts';
import { storeModes } from '../support/modes.ts';
import { writeAccountsFixture } from '../support/accounts-fixture.ts';
import { startServer } from '../support/server-process.ts';
import { HIKVISION_REALTIME, hikvisionInterval, multipart, XOVIS_LIVE_EVENTS, XOVIS_LOGICS_INTERVALS } from '../fixtures/vendor-samples.ts';

const devicesFile = writeDevicesFile([
  { id: 'xovis-main', vendor: 'xovis', serial: '80:1F:12:D4:A1:B2', lines: { '0': 'main-gate' } },
  // live data names the line's geometry, not its logic
  { id: 'xovis-live', vendor: 'xovis', lines: { '2': 'main-gate' } },
  { id: 'hik-second', vendor: 'hikvision', lines: { '1': 'second-gate' } },
  { id: 'hook-stage', vendor: 'webhook', lines: { 'L-stage': { gate: 'promenade-stage', direction: 'reversed' } }, mapping: { items: 'events', line: 'sensor', in: 'enter', out: 'leave', id: 'uuid' } },
  { id: 'vs133-east', vendor: 'milesight-vs133', lines: { line_1: 'promenade-products' }, mqtt: { topic: 'vs133/east' } },
]);

describe.each(storeModes)('vendor HTTP push ($name store)', (mode) => {
  let stop: () => Promise<void>;
  let api: ApiClient;
  let key: string;
  let staff: string;

  beforeAll(async () => {
    const started = await mode.start({ DEVICES_FILE: devicesFile });
    stop = started.stop;
    api = new ApiClient(started.server.url);
    key = started.server.deviceKey;
    staff = await api.login('operations', started.server.password);
  });
  afterAll(() => stop?.());

  const push = (device: string, raw: string, authorization = `Bearer ${key}`, type = 'application/json') =>
    fetch(new URL(`/api/v1/connectors/${device}`, api.baseUrl), { method: 'POST', headers: { authorization, 'content-type': type }, body: raw }).then(async (r) => ({ status: r.status, body: await r.json() }));
  const occupancy = async (zone: string) => (await api.get('/api/v1/stats', staff)).body.zones[zone].occupancy as number;

  it('applies a Xovis interval push once, however often it comes (its zone logic is no line to map)', async () => {
    const sample = asIfRecent(XOVIS_LOGICS_INTERVALS);
    const first = await push('xovis-main', sample);
    expect(first).toMatchObject({ status: 200, body: { accepted: 2, duplicates: 0, readings: 2 } });
    const again = await push('xovis-main', sample);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    // in 14 + 9, out 3 + 2
    expect(await occupancy('entrance-plaza')).toBe(18);
    // live crossings: one in, one out, the group's repeat of the first not counted
    const live = asIfRecent(XOVIS_LIVE_EVENTS);
    expect((await push('xovis-live', live)).body).toMatchObject({ accepted: 2, readings: 2 });
    expect((await push('xovis-live', live)).body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await occupancy('entrance-plaza')).toBe(18);
    expect((await api.get('/api/v1/stats', staff)).body.gates['main-gate']).toMatchObject({ inToday: 24, outToday: 6 });
  });

  it('turns Hikvision realTime totals into increments and counts a resent interval once (Basic auth, multipart)', async () => {
    const basic = `Basic ${Buffer.from(`admin:${key}`).toString('base64')}`;
    const totals = (enter: number, exit: number, agoMs: number) => asIfRecent(HIKVISION_REALTIME.replaceAll('<enter>120', `<enter>${enter}`).replaceAll('<exit>35', `<exit>${exit}`), agoMs);
    expect((await push('hik-second', multipart(totals(120, 35, 5 * 60_000)), basic, 'multipart/form-data; boundary=MIME_boundary')).status).toBe(200);
    expect((await push('hik-second', totals(130, 40, 4 * 60_000), basic, 'application/xml')).body).toMatchObject({ accepted: 1 });
    // the first totals count from zero (a counter seen for the first time), then the difference
    expect(await occupancy('central-promenade')).toBe(90);

    const live = asIfRecent(hikvisionInterval('2022-10-15T09:50:00+01:00', '2022-10-15T10:05:00+01:00', 40, 12));
    expect((await push('hik-second', live, basic, 'application/xml')).body).toMatchObject({ accepted: 1 });
    // after an outage the camera sends the interval again, marked as retransmitted
    const resent = await push('hik-second', live.replace('<isDataRetransmission>false', '<isDataRetransmission>true'), basic, 'application/xml');
    expect(resent.body).toMatchObject({ accepted: 0, duplicates: 1, flags: [expect.stringMatching(/resent after an outage/)] });
    expect(await occupancy('central-promenade')).toBe(118);
  });

  it('reads the generic webhook through its mapping, reversed line included', async () => {
    const body = JSON.stringify({ events: [{ sensor: 'L-stage', enter: 2, leave: 9, uuid: 'w-1' }, { sensor: 'L-stage', enter: 0, leave: 1, uuid: 'w-2' }] });
    expect((await push('hook-stage', body)).body).toMatchObject({ accepted: 2 });
    expect((await push('hook-stage', body)).body).toMatchObject({ duplicates: 2 });
    // reversed: the device's "leave" is the gate's in (promenade → stage)
    expect(await occupancy('caftan-stage')).toBe(8);
  });

  it('refuses what it cannot place, and counts nothing of it', async () => {
    const before = (await api.get('/api/v1/stats', staff)).body.totals;
    const unknownLine = await push('hook-stage', JSON.stringify({ events: [{ sensor: 'L-stage', enter: 5, uuid: 'w-3' }, { sensor: 'L-nowhere', enter: 5, uuid: 'w-4' }] }));
    expect(unknownLine).toMatchObject({ status: 422, body: { error: { code: 'unknown_reference', details: [expect.objectContaining({ path: 'line L-nowhere' })] } } });
    expect((await push('no-such-device', '{}')).status).toBe(404);
    expect((await push('vs133-east', '{}')).body.error.message).toMatch(/is subscribed on MQTT, not pushed/);
    expect((await push('xovis-main', asIfRecent(XOVIS_LOGICS_INTERVALS).replace('80:1F:12:D4:A1:B2', '80:1F:12:00:00:01'))).body.error.code).toBe('unknown_reference');
    expect((await push('xovis-main', 'garbage')).body.error.code).toBe('invalid_request');
    expect((await push('hik-second', '<EventNotificationAlert><eventType>PeopleCounting</eventType><peopleCounting><statisticalMethods>timeRange</statisticalMethods></peopleCounting></EventNotificationAlert>', undefined, 'application/xml')).status).toBe(400);
    expect((await push('xovis-main', asIfRecent(XOVIS_LOGICS_INTERVALS), 'Bearer wrong-key')).status).toBe(401);
    for (const junk of ['[]', 'null', '{"logics_data":{"logics":"x"}}', '<?xml version="1.0"?><a>', '{"logics_data":{"logics":[{"id":{},"counts":[]}]}}', '\u0000\u0001']) {
      const answer = await push('xovis-main', junk);
      expect(answer.status).toBe(400);
    }
    // Seeded garbage in the vendors' shapes: never a 5xx, nothing counted.
    let state = 17;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const values: unknown[] = [null, -1, 1e308, 'x'.repeat(300), '٣', [], {}, '2022-13-45T99:99:99Z', Number.MAX_SAFE_INTEGER + 2, { __proto__: { a: 1 } }, '<enter>'];
    const pick = () => values[Math.floor(random() * values.length)];
    for (let n = 0; n < 120; n++) {
      const xovis = { logics_data: { sensor_info: { time: pick() }, logics: [{ id: pick(), records: [{ from: pick(), to: pick(), counts: [{ name: 'fw', value: pick() }] }] }] } };
      const hook = { events: [{ sensor: random() < 0.5 ? 'L-stage' : pick(), enter: pick(), leave: pick(), uuid: pick() }] };
      const hik = HIKVISION_REALTIME.replace('<enter>120', `<enter>${String(pick())}`).replace('realTime', String(pick()));
      for (const [device, body, type] of [['xovis-main', JSON.stringify(xovis), 'application/json'], ['hook-stage', JSON.stringify(hook), 'application/json'], ['hik-second', hik, 'application/xml']] as const) {
        const answer = await push(device, body, undefined, type);
        expect(answer.status, `${device} ${body.slice(0, 200)} → ${JSON.stringify(answer.body)}`).toBeLessThan(500);
        if (answer.status === 200) expect(answer.body.accepted, body.slice(0, 200)).toBe(0);
      }
    }
    expect((await api.get('/api/v1/stats', staff)).body.totals).toEqual(before);
  });

  it('flags totals that jump by more than a line can count, and a clock days away, counting neither twice', async () => {
    const basic = `Basic ${Buffer.from(`admin:${key}`).toString('base64')}`;
    const before = await occupancy('central-promenade');
    const jump = asIfRecent(HIKVISION_REALTIME.replaceAll('<enter>120', '<enter>60130').replaceAll('<exit>35', '<exit>40'), 3 * 60_000);
    const answer = await push('hik-second', jump, basic, 'application/xml');
    expect(answer.body.flags).toEqual([expect.stringMatching(/jumped/)]);
    expect(await occupancy('central-promenade')).toBe(before);

    const stale = JSON.stringify({ events: [{ sensor: 'L-stage', enter: 0, leave: 3, uuid: 'w-old' }] });
    expect((await push('hook-stage', stale)).body).toMatchObject({ accepted: 1 });
    const xovisDaysAway = asIfRecent(XOVIS_LOGICS_INTERVALS, -4 * 24 * 3_600_000);
    const daysAway = await push('xovis-main', xovisDaysAway);
    expect(daysAway.status).toBe(200);
    expect(daysAway.body.flags.join(' ')).toMatch(/counted at arrival; set the device clock/);
    expect((await push('xovis-main', xovisDaysAway)).body).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  it('shows each device in device health with its skew, flags and last refusal', async () => {
    const health = await api.get('/api/v1/devices/health', staff);
    expect(health.status).toBe(200);
    const byId = Object.fromEntries(health.body.devices.map((device: { id: string }) => [device.id, device]));
    expect(byId['xovis-main']).toMatchObject({ vendor: 'xovis', status: 'online', gates: ['main-gate'], lastError: { message: expect.stringMatching(/not "80:1F:12:D4:A1:B2"|not a xovis payload/) } });
    expect(typeof byId['xovis-main'].clockSkewMs).toBe('number');
    // the zone logic's balance, beside the zone's own figure
    expect(byId['xovis-main'].occupancy).toBe(4);
    expect(byId['hik-second'].flags.map((flag: { message: string }) => flag.message).join(' ')).toMatch(/jumped/);
    expect(byId['vs133-east']).toMatchObject({ status: 'never', lastReportAt: null });
    const gates = Object.fromEntries(health.body.gates.map((gate: { gate: string }) => [gate.gate, gate]));
    expect(gates['main-gate']).toMatchObject({ status: 'online', devices: ['xovis-main', 'xovis-live'] });
    expect(gates['main-gate'].reportsLastHour).toBeGreaterThan(0);
    expect(gates['promenade-services']).toMatchObject({ status: 'never', lastReportAt: null, reportsLastHour: 0 });
    expect((await api.get('/api/v1/devices/health')).status).toBe(401);
    expect((await api.get('/api/v1/devices/health', key)).status).toBe(403);
  });
});

describe('vendor devices: configuration and device keys', () => {
  it('refuses to start with a devices file that maps a line to a gate the venue lacks, naming it', async () => {
    const file = writeDevicesFile([{ id: 'x', vendor: 'xovis', lines: { '0': 'back-door' } }]);
    await expect(startServer({ env: { DEVICES_FILE: file } })).rejects.toThrow(/devices\.0\.lines\.0: the venue has no gate .*back-door/);
    await expect(startServer({ env: { MQTT_URL: 'http://broker' } })).rejects.toThrow(/MQTT_URL/);
  });

  it('takes a device key only for its own device and gates', async () => {
    const accounts = await writeAccountsFixture([{ id: 'xovis-main', gates: ['main-gate'] }, { id: 'hik-second', gates: ['main-gate'] }]);
    const server = await startServer({ env: { DEVICES_FILE: devicesFile, ACCOUNTS_FILE: accounts.path, DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '' } });
    try {
      const push = (device: string, key: string, raw: string) =>
        fetch(new URL(`/api/v1/connectors/${device}`, server.url), { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: raw }).then(async (r) => ({ status: r.status, body: await r.json() }));
      const sample = asIfRecent(XOVIS_LOGICS_INTERVALS);
      expect((await push('xovis-main', accounts.keys['xovis-main']!.key, sample)).body).toMatchObject({ accepted: 2 });
      // another device's key, and a key whose gates do not include the device's lines
      expect((await push('xovis-main', accounts.keys['hik-second']!.key, sample)).status).toBe(403);
      expect((await push('hik-second', accounts.keys['hik-second']!.key, asIfRecent(HIKVISION_REALTIME))).status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
