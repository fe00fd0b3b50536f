import type { DeviceHealthBook } from '../domain/device-health.ts';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { DeviceConfig } from './devices-file.ts';

/** Longest wait for a camera's answer. */
const POLL_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Polls a device that does not push (AXIS People Counter's live-sum.json) every `poll.everyS`: its
 * running totals go through the same ingest, and asking again after an outage heals what was missed
 * (totals carry it). Basic authentication when the devices file gives a user name.
 */
export class Poller {
  #timer: NodeJS.Timeout | undefined;
  #busy = false;

  constructor(
    private readonly device: DeviceConfig,
    private readonly receive: (text: string) => Promise<unknown>,
    private readonly health: DeviceHealthBook,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  start(): void {
    void this.poll();
    this.#timer = setInterval(() => void this.poll(), this.device.poll!.everyS * 1000);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** One poll; failures are logged and kept in device health, the next poll tries again. */
  async poll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    const { url, username, password } = this.device.poll!;
    try {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (username !== undefined) headers.authorization = `Basic ${Buffer.from(`${username}:${password ?? ''}`).toString('base64')}`;
      const answer = await fetch(url, { headers, signal: AbortSignal.timeout(POLL_TIMEOUT_MS) });
      const text = await answer.text();
      if (!answer.ok) throw new Error(`the device answered ${answer.status}`);
      if (text.length > MAX_ANSWER_BYTES) throw new Error('the answer is too large');
      await this.receive(text);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        const message = `poll failed: ${(error as Error).message}`;
        this.health.refused(this.device.id, this.now().getTime(), message);
        this.logger.warn({ device: this.device.id, err: (error as Error).message }, 'device poll failed');
      }
    } finally {
      this.#busy = false;
    }
  }
}
