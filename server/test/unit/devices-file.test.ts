import { describe, expect, it } from 'vitest';
import { parseDevicesFile } from '../../src/connectors/devices-file.ts';
import { topicMatches } from '../../src/connectors/mqtt-subscriber.ts';
import { reportIdOf } from '../../src/connectors/connector-ingest.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

describe('the devices file', () => {
  it('accepts a gate name or a gate with a direction per vendor line', () => {
    const file = parseDevicesFile({ devices: [{ id: 'x1', vendor: 'xovis', lines: { '0': 'door', '1': { gate: 'hall-stage', direction: 'reversed' } } }] }, tinyVenue);
    expect(file.devices[0]!.lines).toEqual({ '0': { gate: 'door', direction: 'both' }, '1': { gate: 'hall-stage', direction: 'reversed' } });
  });

  it('names every bad field at once', () => {
    const shapes = () => parseDevicesFile({ devices: [
      { id: 'w', vendor: 'webhook', lines: {} },
      { id: 'bad id!', vendor: 'nobody', lines: { '0': 'door' } },
    ] }, tinyVenue);
    expect(shapes).toThrow(/devices\.0\.lines: at least one line/);
    expect(shapes).toThrow(/devices\.1\.id/);
    expect(shapes).toThrow(/devices\.1\.vendor/);
    const rules = () => parseDevicesFile({ devices: [
      { id: 'a', vendor: 'axis-object-analytics', lines: { Device1Scenario1: 'door' } },
      { id: 'a', vendor: 'axis-people-counter', lines: { '0': 'door' } },
    ] }, tinyVenue);
    expect(rules).toThrow(/devices\.0\.mqtt: axis-object-analytics devices publish on MQTT/);
    expect(rules).toThrow(/devices\.1\.id: device "a" is listed twice/);
    expect(rules).toThrow(/devices\.1\.poll/);
  });

  it('takes each vendor\'s data the ways it can arrive', () => {
    const vs133Http = parseDevicesFile({ devices: [{ id: 'v', vendor: 'milesight-vs133', lines: { line_1: 'door' } }] }, tinyVenue);
    expect(vs133Http.devices).toHaveLength(1);
    const hookMqtt = { id: 'w', vendor: 'webhook', lines: { a: 'door' }, mapping: { line: 'l', in: 'i', id: 'id' }, mqtt: { topic: 'fair/#' } };
    expect(parseDevicesFile({ devices: [hookMqtt] }, tinyVenue).devices).toHaveLength(1);
    expect(() => parseDevicesFile({ devices: [{ id: 'x', vendor: 'xovis', lines: { '0': 'door' }, mqtt: { topic: 'x' } }] }, tinyVenue)).toThrow(/xovis devices push over HTTP/);
    expect(() => parseDevicesFile({ devices: [{ ...hookMqtt, poll: { url: 'http://cam/x' } }] }, tinyVenue)).toThrow(/either subscribed \(mqtt\) or polled/);
  });

  it('refuses a line mapped to a gate the venue does not have', () => {
    expect(() => parseDevicesFile({ devices: [{ id: 'x1', vendor: 'xovis', lines: { '0': 'back-door' } }] }, tinyVenue)).toThrow(/devices\.0\.lines\.0: the venue has no gate "back-door"/);
  });

  it('refuses malformed MQTT topic filters', () => {
    expect(() => parseDevicesFile({ devices: [{ id: 'm', vendor: 'milesight-vs133', lines: { line_1: 'door' }, mqtt: { topic: 'a/b#' } }] }, tinyVenue)).toThrow(/mqtt\.topic/);
  });
});

describe('MQTT topic filters', () => {
  it('matches + and # as MQTT does', () => {
    expect(topicMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(topicMatches('a/+/c', 'a/b/d')).toBe(false);
    expect(topicMatches('a/#', 'a/b/c/d')).toBe(true);
    expect(topicMatches('a/b', 'a/b/c')).toBe(false);
    expect(topicMatches('a/b/c', 'a/b')).toBe(false);
  });
});

describe('report ids of vendor data', () => {
  it('are the same for the same reading and differ by line and key', () => {
    const id = reportIdOf('cam-1', { line: '1', key: 'interval:1000' });
    expect(reportIdOf('cam-1', { line: '1', key: 'interval:1000' })).toBe(id);
    expect(reportIdOf('cam-1', { line: '2', key: 'interval:1000' })).not.toBe(id);
    expect(reportIdOf('cam-2', { line: '1', key: 'interval:1000' })).not.toBe(id);
    expect(id.length).toBeLessThanOrEqual(128);
  });
});

describe('the example devices file in infra/', () => {
  it('is valid for the bundled Fes venue (the README points to it)', async () => {
    const { fesVenue } = await import('@fairwatch/venue');
    const { readDevicesFile } = await import('../../src/connectors/devices-file.ts');
    const file = readDevicesFile(new URL('../../../infra/devices.example.json', import.meta.url).pathname, fesVenue);
    expect(file.devices.map((device) => device.vendor).sort()).toEqual(['axis-object-analytics', 'axis-people-counter', 'hikvision', 'milesight-vs133', 'webhook', 'xovis']);
  });
});
