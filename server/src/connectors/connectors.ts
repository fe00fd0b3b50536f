import { venueReader, type VenueSource } from '../live/live-venue.ts';
import { DeviceHealthBook } from '../domain/device-health.ts';
import { localDateTimeToInstant } from '@fairwatch/venue/venue-time';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { LocalDateTime } from './axis-people-counter.ts';
import { ConnectorIngest, type ConnectorOutcome } from './connector-ingest.ts';
import type { DeviceConfig, DevicesFile } from './devices-file.ts';
import { MqttSubscriber } from './mqtt-subscriber.ts';
import { parsePayload } from './parse-payload.ts';
import { Poller } from './poller.ts';
import { PayloadError } from './vendor-payload.ts';

export interface ConnectorsOptions {
  store: Store;
  /** The venue served now (read at each payload). */
  venue: VenueSource;
  logger: Logger;
  now: () => Date;
  /** The devices file (DEVICES_FILE); null: no vendor devices, only the product's own JSON. */
  devices: DevicesFile | null;
  /** MQTT_URL: subscribe to the devices' topics on this broker. */
  mqttUrl?: string | undefined;
  /** MQTT_CLIENT_ID: the persistent session's id (the broker keeps QoS 1 messages for it while we are away). */
  mqttClientId?: string | undefined;
}

/**
 * Vendor counters: the configured devices, the one ingest they share, the device health book, and
 * the transports that bring their data (HTTP push routes, the MQTT subscription, the pollers).
 */
export class Connectors {
  readonly health = new DeviceHealthBook();
  readonly devices: ReadonlyMap<string, DeviceConfig>;
  readonly #ingest: ConnectorIngest;
  readonly #mqtt: MqttSubscriber | null;
  readonly #pollers: Poller[];

  constructor(private readonly options: ConnectorsOptions) {
    const list = options.devices?.devices ?? [];
    this.devices = new Map(list.map((device) => [device.id, device]));
    for (const device of list) this.health.declare(device.id, device.vendor, [...new Set(Object.values(device.lines).map((line) => line.gate))]);
    this.#ingest = new ConnectorIngest({ store: options.store, venue: options.venue, health: this.health, logger: options.logger, now: options.now });
    const subscribed = list.filter((device) => device.mqtt);
    if (subscribed.length && !options.mqttUrl) options.logger.warn({ devices: subscribed.map((d) => d.id) }, 'devices publish on MQTT but MQTT_URL is not set: they are not subscribed');
    this.#mqtt = options.mqttUrl && subscribed.length
      ? new MqttSubscriber(options.mqttUrl, options.mqttClientId ?? `fairwatch-${venueReader(options.venue)().id}`, subscribed, (device, text) => this.receive(device, text), options.logger)
      : null;
    this.#pollers = list.filter((device) => device.poll).map((device) => new Poller(device, (text) => this.receive(device, text), this.health, options.logger, options.now));
  }

  /** Parses a device's raw message and applies it; a payload of the wrong shape is a 400 naming the bad part. */
  async receive(device: DeviceConfig, text: string): Promise<ConnectorOutcome> {
    let payload;
    try {
      payload = parsePayload(device, text, (local: LocalDateTime) => localDateTimeToInstant(local, venueReader(this.options.venue)().timezone));
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      const message = `not a ${device.vendor} payload: ${error.message}; nothing was applied`;
      this.health.refused(device.id, this.options.now().getTime(), message);
      this.options.logger.warn({ device: device.id, path: error.path, message: error.message }, 'connector payload refused');
      throw new ApiError('invalid_request', message, [{ path: error.path, message: error.message }]);
    }
    return this.#ingest.apply(device, payload);
  }

  async start(): Promise<void> {
    await this.#mqtt?.start();
    for (const poller of this.#pollers) poller.start();
  }

  async stop(): Promise<void> {
    for (const poller of this.#pollers) poller.stop();
    await this.#mqtt?.stop();
  }
}
