import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { writeDevicesFile } from '../support/devices-fixture.ts';
import { mosquittoAvailable, TestMosquitto } from '../support/mosquitto.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { axisObjectAnalytics, chirpstackUplink } from '../fixtures/vendor-samples.ts';

const devicesFile = writeDevicesFile([
  { id: 'vs133-east', vendor: 'milesight-vs133', lines: { line_1: 'promenade-products' }, mqtt: { topic: 'application/fair/device/+/event/up' } },
  {
    id: 'axis-intl', vendor: 'axis-object-analytics', serial: 'B8A44F123456', mqtt: { topic: 'axis/B8A44F123456/event/#' },
    lines: { Device1Scenario1: { gate: 'promenade-international', direction: 'in' }, Device1Scenario2: { gate: 'promenade-international', direction: 'out' } },
  },
]);

const OA_TOPIC = 'axis/B8A44F123456/event/tns:axis/CameraApplicationPlatform/ObjectAnalytics';

describe.runIf(mosquittoAvailable())('MQTT connectors against a real mosquitto', () => {
  let broker: TestMosquitto;
  let server: ServerProcess;
  let api: ApiClient;
  let staff: string;

  beforeAll(async () => {
    broker = await TestMosquitto.start();
    server = await startServer({ env: { DEVICES_FILE: devicesFile, MQTT_URL: broker.url, MQTT_CLIENT_ID: `fairwatch-test-${process.pid}` } });
    api = new ApiClient(server.url);
    staff = await api.login('operations', server.password);
    // the subscription is in place once the server says so
    await until(() => server.logs.some((line) => line.msg === 'MQTT connected'), 'the server connected to the broker');
  });
  afterAll(async () => {
    await server?.stop();
    await broker?.stop();
  });

  const occupancy = async (zone: string) => (await api.get('/api/v1/stats', staff)).body.zones[zone].occupancy as number;
  const gateIn = async (gate: string) => (await api.get('/api/v1/stats', staff)).body.gates[gate].inToday as number;

  async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('counts VS133 totals published with mosquitto_pub once, a retransmission included', async () => {
    const topic = 'application/fair/device/24e124538b223213/event/up';
    const first = chirpstackUplink({ line_1_total_in: 40, line_1_total_out: 10 }, new Date(Date.now() - 60_000).toISOString());
    await broker.publish(topic, first);
    await broker.publish(topic, first); // the gateway did not see the PUBACK and sent it again
    await broker.publish(topic, chirpstackUplink({ line_1_total_in: 55, line_1_total_out: 12 }, new Date().toISOString()));
    await until(async () => (await gateIn('promenade-products')) === 55, 'the products line shows 55 in');
    expect(await occupancy('products-pole')).toBe(43);
  });

  it('counts Axis Object Analytics crossline totals, one scenario per direction', async () => {
    const now = Date.now();
    await broker.publish(`${OA_TOPIC}/Device1Scenario1`, axisObjectAnalytics('Scenario1', 10, now - 30_000));
    await broker.publish(`${OA_TOPIC}/Device1Scenario1`, axisObjectAnalytics('Scenario1', 15, now - 20_000));
    await broker.publish(`${OA_TOPIC}/Device1Scenario2`, axisObjectAnalytics('Scenario2', 4, now - 10_000));
    await until(async () => (await occupancy('international-pole')) === 11, 'the international pole shows 15 − 4');
    const stats = (await api.get('/api/v1/stats', staff)).body;
    expect(stats.gates['promenade-international']).toMatchObject({ inToday: 15, outToday: 4 });
  });

  it('refuses a message on an unknown line and logs it, counting nothing', async () => {
    const before = (await api.get('/api/v1/stats', staff)).body.totals;
    await broker.publish(`${OA_TOPIC}/Device1Scenario9`, axisObjectAnalytics('Scenario9', 99, Date.now()));
    await broker.publish('application/fair/device/x/event/up', '{not json');
    await until(() => server.logs.filter((line) => line.msg === 'connector payload refused').length >= 2, 'both are refused');
    expect(server.logs.find((line) => line.msg === 'connector payload refused' && JSON.stringify(line).includes('Device1Scenario9'))).toBeDefined();
    expect((await api.get('/api/v1/stats', staff)).body.totals).toEqual(before);
    const health = (await api.get('/api/v1/devices/health', staff)).body;
    expect(health.devices.find((device: { id: string }) => device.id === 'axis-intl').lastError.message).toMatch(/unknown counting line/);
  });

  it('loses nothing across a broker restart: queued messages arrive once', async () => {
    const topic = 'application/fair/device/24e124538b223213/event/up';
    // A gateway with a persistent session of its own keeps QoS 1 messages while the broker is away.
    const gateway = await mqtt.connectAsync(broker.url, { clientId: `gateway-${process.pid}`, clean: false, reconnectPeriod: 100, connectTimeout: 2_000 });
    try {
      await broker.stopProcess();
      await until(() => server.logs.some((line) => line.msg === 'MQTT broker unreachable: reconnecting'), 'the server noticed the broker is gone');
      void gateway.publishAsync(topic, chirpstackUplink({ line_1_total_in: 70, line_1_total_out: 20 }, new Date(Date.now() - 5_000).toISOString()), { qos: 1 });
      void gateway.publishAsync(topic, chirpstackUplink({ line_1_total_in: 81, line_1_total_out: 21 }, new Date().toISOString()), { qos: 1 });
      await broker.startProcess();
      await until(async () => (await gateIn('promenade-products')) === 81, 'the queued totals arrived', 20_000);
      // and once only: the occupancy is what 81 in and 21 out make
      expect(await occupancy('products-pole')).toBe(60);
      await broker.publish(topic, chirpstackUplink({ line_1_total_in: 81, line_1_total_out: 21 }, new Date().toISOString()));
      await until(() => server.logs.filter((line) => line.msg === 'MQTT connected').length >= 2, 'the server reconnected');
      expect(await gateIn('promenade-products')).toBe(81);
    } finally {
      await gateway.endAsync();
    }
  });
});
