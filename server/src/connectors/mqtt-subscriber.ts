import mqtt, { type MqttClient } from 'mqtt';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import { StoreUnavailableError } from '../store/store.ts';
import type { DeviceConfig } from './devices-file.ts';

/** Whether an MQTT topic filter (with + and #) matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** Most bytes of one message: a counter's message is a few hundred. */
const MAX_MESSAGE_BYTES = 256 * 1024;
const RETRY_MS = [200, 500, 1_000, 2_000, 5_000];

/**
 * The server's subscription to the counters' topics, QoS 1 in a persistent session (`clean: false`
 * under a fixed client id), so that the broker keeps what arrives while the server or the broker is
 * away, and redelivers what was not acknowledged. A message is acknowledged (PUBACK) only once it is
 * stored: a store outage holds the acknowledgement and retries; a crash before it means the broker
 * sends it again, and its derived report ids count it once. A message that cannot be read or names an
 * unknown line is logged, kept in device health and acknowledged (it will never become readable).
 */
export class MqttSubscriber {
  #client: MqttClient | null = null;
  #stopping = false;

  constructor(
    private readonly url: string,
    private readonly clientId: string,
    private readonly devices: readonly DeviceConfig[],
    private readonly receive: (device: DeviceConfig, text: string) => Promise<unknown>,
    private readonly logger: Logger,
  ) {}

  start(): Promise<void> {
    const client = mqtt.connect(this.url, { clientId: this.clientId, clean: false, reconnectPeriod: 1_000, connectTimeout: 5_000, protocolVersion: 4, resubscribe: true });
    this.#client = client;
    const topics = [...new Set(this.devices.map((device) => device.mqtt!.topic))];
    client.handleMessage = (packet, done) => {
      void this.#handle(packet.topic, packet.payload).then(() => done(), (error: unknown) => done(error as Error));
    };
    client.on('connect', (connack) => {
      this.logger.info({ url: redacted(this.url), sessionPresent: connack.sessionPresent, topics }, 'MQTT connected');
      if (!connack.sessionPresent) {
        client.subscribe(Object.fromEntries(topics.map((topic) => [topic, { qos: 1 as const }])), (error) => {
          if (error) this.logger.error({ err: error.message }, 'MQTT subscription failed');
        });
      }
    });
    client.on('offline', () => this.logger.warn({ url: redacted(this.url) }, 'MQTT broker unreachable: reconnecting'));
    client.on('error', (error) => this.logger.warn({ err: error.message }, 'MQTT error'));
    // The server starts whether the broker is up or not: the session catches up once it is.
    return Promise.resolve();
  }

  async #handle(topic: string, raw: Buffer | string): Promise<void> {
    const payload = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const device = this.devices.find((candidate) => topicMatches(candidate.mqtt!.topic, topic));
    if (!device) {
      this.logger.warn({ topic }, 'MQTT message on a topic no device is configured for: ignored');
      return;
    }
    if (payload.length > MAX_MESSAGE_BYTES) {
      this.logger.warn({ device: device.id, bytes: payload.length }, 'MQTT message too large: ignored');
      return;
    }
    for (let attempt = 0; ; attempt++) {
      try {
        await this.receive(device, payload.toString('utf8'));
        return;
      } catch (error) {
        if (error instanceof ApiError) return; // refused for good, already logged and in device health
        if (!(error instanceof StoreUnavailableError) || this.#stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]));
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#client?.endAsync().catch(() => undefined);
  }
}

function redacted(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
