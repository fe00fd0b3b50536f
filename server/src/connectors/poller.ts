import type { DeviceHealthBook } from '../domain/device-health.ts';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { DeviceConfig } from './devices-file.ts';
import { digestAuthorization, parseDigestChallenge, type DigestChallenge } from './http-digest.ts';

/** Longest wait for a camera's answer. */
const POLL_TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Polls a device that does not push (AXIS People Counter's live-sum.json) every `poll.everyS`: its
 * running totals go through the same ingest, and asking again after an outage heals what was missed
 * (totals carry it). With a user name in the devices file it authenticates as the camera asks: Digest
 * (AXIS cameras' default) or Basic.
 */
export class Poller {
  #timer: NodeJS.Timeout | undefined;
  #busy = false;
  /** How the camera wants credentials, once it has said so in a 401. */
  #scheme: 'basic' | 'digest' | undefined;
  /** The camera's last Digest challenge and how many requests used its nonce. */
  #digest: { challenge: DigestChallenge; nc: number } | undefined;

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

  /**
   * GET the poll URL, authenticated the way the camera asks: the first request goes without
   * credentials, and the camera's 401 says which scheme it takes: a Digest challenge (kept, its nonce
   * answered with the next count; a new challenge, as for an expired nonce, is answered once), or
   * Basic otherwise. So a password is never sent in clear to a camera that asks for Digest.
   */
  async #request(): Promise<Response> {
    const { url, username, password = '' } = this.device.poll!;
    const target = new URL(url);
    const uri = `${target.pathname}${target.search}`;
    const get = (authorization?: string) => fetch(url, { headers: { accept: 'application/json', ...(authorization && { authorization }) }, signal: AbortSignal.timeout(POLL_TIMEOUT_MS) });
    if (username === undefined) return get();
    const basic = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const digest = () => digestAuthorization(this.#digest!.challenge, { method: 'GET', uri, username, password, nc: ++this.#digest!.nc });
    const answer = await get(this.#scheme === 'digest' ? digest() : this.#scheme === 'basic' ? basic : undefined);
    if (answer.status !== 401) return answer;
    const challenge = parseDigestChallenge(answer.headers.get('www-authenticate'));
    // Basic credentials refused: the answer stands (the next poll tries again).
    if (!challenge && this.#scheme === 'basic') return answer;
    await answer.body?.cancel();
    if (!challenge) {
      this.#scheme = 'basic';
      return get(basic);
    }
    this.#scheme = 'digest';
    this.#digest = { challenge, nc: 0 };
    return get(digest());
  }

  /** One poll; failures are logged and kept in device health, the next poll tries again. */
  async poll(): Promise<void> {
    if (this.#busy) return;
    this.#busy = true;
    try {
      const answer = await this.#request();
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
