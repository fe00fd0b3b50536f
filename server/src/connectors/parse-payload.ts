import { parseAxisLiveSum, type LocalDateTime } from './axis-people-counter.ts';
import { parseAxisObjectAnalytics } from './axis-object-analytics.ts';
import type { DeviceConfig } from './devices-file.ts';
import { parseHikvision } from './hikvision.ts';
import { parseMilesightVs133 } from './milesight-vs133.ts';
import { PayloadError, type VendorPayload } from './vendor-payload.ts';
import { parseWebhook } from './webhook.ts';
import { parseXovis } from './xovis.ts';

function json(text: string): unknown {
  if (text.trim() === '') throw new PayloadError('the body is empty');
  try {
    return JSON.parse(text);
  } catch {
    throw new PayloadError('the body is not valid JSON');
  }
}

/** The vendor payload of a device's raw message (HTTP body, MQTT payload or polled answer). */
export function parsePayload(device: DeviceConfig, text: string, localToInstant: (local: LocalDateTime) => number): VendorPayload {
  switch (device.vendor) {
    case 'xovis':
      return parseXovis(json(text));
    case 'hikvision':
      return parseHikvision(text);
    case 'webhook':
      return parseWebhook(json(text), device.mapping!);
    case 'axis-people-counter':
      return parseAxisLiveSum(json(text), localToInstant);
    case 'axis-object-analytics':
      return parseAxisObjectAnalytics(json(text));
    case 'milesight-vs133':
      return parseMilesightVs133(json(text));
  }
}
