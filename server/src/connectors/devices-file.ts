import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Venue } from '@fairwatch/venue';
import { WebhookMapping } from './webhook.ts';

export const VENDORS = ['xovis', 'hikvision', 'webhook', 'axis-people-counter', 'axis-object-analytics', 'milesight-vs133'] as const;
export type Vendor = (typeof VENDORS)[number];
export type Transport = 'http' | 'mqtt' | 'poll';
/**
 * How each vendor's data may reach the server: pushed over HTTP, published on MQTT (a device with
 * `mqtt`), or polled (a device with `poll`). LoRaWAN network servers can also post their uplinks over
 * HTTP, and the generic mapping reads JSON from either.
 */
export const TRANSPORTS: Record<Vendor, readonly Transport[]> = {
  xovis: ['http'], hikvision: ['http'], webhook: ['http', 'mqtt'], 'axis-people-counter': ['poll'], 'axis-object-analytics': ['mqtt'], 'milesight-vs133': ['mqtt', 'http'],
};

const Id = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, '1 to 64 letters, digits, dots, colons, dashes or underscores');

/**
 * A vendor line and the venue gate it counts for. `direction` `reversed`: the device's in is the
 * gate's out (mounted the other way); `in` / `out`: a one-way line (an Axis crossline scenario)
 * counts only the gate's entries or only its exits.
 */
const LineMapping = z.union([
  z.string().min(1).max(128).transform((gate) => ({ gate, direction: 'both' as const })),
  z.strictObject({ gate: z.string().min(1).max(128), direction: z.enum(['both', 'reversed', 'in', 'out']).default('both') }),
]);
export type LineMapping = z.output<typeof LineMapping>;

/** MQTT topic filter: `+` and `#` wildcards as MQTT defines them. */
const Topic = z.string().min(1).max(256).refine((topic) => !/[^/]#|#./.test(topic) && !/[^/]\+|\+[^/]/.test(topic), 'an MQTT topic filter (+ and # stand alone between slashes)');

export const DeviceConfig = z.strictObject({
  id: Id,
  vendor: z.enum(VENDORS),
  /** The device's own serial or MAC, when given: a payload naming another device is refused. */
  serial: z.string().min(1).max(128).optional(),
  lines: z.record(z.string().min(1).max(128), LineMapping).refine((lines) => Object.keys(lines).length > 0, 'at least one line'),
  mqtt: z.strictObject({ topic: Topic }).optional(),
  poll: z.strictObject({
    url: z.url({ protocol: /^https?$/ }),
    everyS: z.number().int().min(1).max(3600).default(60),
    username: z.string().max(128).optional(),
    password: z.string().max(256).optional(),
  }).optional(),
  mapping: WebhookMapping.optional(),
});
export type DeviceConfig = z.output<typeof DeviceConfig>;

export const DevicesFile = z.strictObject({ devices: z.array(DeviceConfig).max(2000) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.devices.forEach((device, index) => {
    if (seen.has(device.id)) ctx.addIssue({ code: 'custom', path: ['devices', index, 'id'], message: `device "${device.id}" is listed twice` });
    seen.add(device.id);
    const allowed = TRANSPORTS[device.vendor];
    const transport = transportOf(device);
    if (device.mqtt && device.poll) ctx.addIssue({ code: 'custom', path: ['devices', index, 'poll'], message: 'a device is either subscribed (mqtt) or polled (poll), not both' });
    else if (!allowed.includes(transport)) {
      const path = allowed[0] === 'mqtt' ? 'mqtt' : allowed[0] === 'poll' ? 'poll' : transport;
      const what = allowed[0] === 'mqtt' ? 'publish on MQTT: give mqtt.topic' : allowed[0] === 'poll' ? 'are polled: give poll.url' : 'push over HTTP: remove mqtt and poll';
      ctx.addIssue({ code: 'custom', path: ['devices', index, path], message: `${device.vendor} devices ${what}` });
    }
    if (device.vendor === 'webhook' && !device.mapping) ctx.addIssue({ code: 'custom', path: ['devices', index, 'mapping'], message: 'a webhook device needs its JSON mapping' });
  });
});
export type DevicesFile = z.output<typeof DevicesFile>;

/** How a configured device's data arrives. */
export function transportOf(device: Pick<DeviceConfig, 'mqtt' | 'poll'>): Transport {
  return device.mqtt ? 'mqtt' : device.poll ? 'poll' : 'http';
}

export class DevicesFileError extends Error {
  override name = 'DevicesFileError';
}

/** Validates a devices document, and that every line maps to a gate the venue has. */
export function parseDevicesFile(document: unknown, venue: Pick<Venue, 'gates'>, source = 'devices file'): DevicesFile {
  const parsed = DevicesFile.safeParse(document);
  if (!parsed.success) {
    throw new DevicesFileError(`${source} is invalid:\n  ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n  ')}`);
  }
  const gates = new Set(venue.gates.map((gate) => gate.id));
  const problems: string[] = [];
  parsed.data.devices.forEach((device, index) => {
    for (const [line, mapping] of Object.entries(device.lines)) {
      if (!gates.has(mapping.gate)) problems.push(`devices.${index}.lines.${line}: the venue has no gate "${mapping.gate}"`);
    }
  });
  if (problems.length) throw new DevicesFileError(`${source} names gates the venue does not have:\n  ${problems.join('\n  ')}`);
  return parsed.data;
}

export function readDevicesFile(path: string, venue: Pick<Venue, 'gates'>): DevicesFile {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DevicesFileError(`cannot read the devices file ${path}: ${(error as Error).message}`);
  }
  return parseDevicesFile(document, venue, path);
}
