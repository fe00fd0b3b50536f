import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type { Device } from '../auth/credentials.ts';
import { ApiError } from './errors.ts';

/** The header of signed device reports: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'x-fairwatch-signature';
/** How far a signature's time may be from the server's clock. */
export const SIGNATURE_TOLERANCE_S = 300;

export function signBody(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/**
 * A device that has a signing secret must sign every report: the HMAC proves the body was not
 * changed and the time bounds how long a captured request can be replayed (a replay inside the window
 * is harmless: report ids count once). Stale, missing or wrong signatures are 401.
 */
export function checkDeviceSignature(ctx: Context, device: Device, nowMs: number): void {
  if (!device.signingSecret) return;
  const header = ctx.get(SIGNATURE_HEADER);
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header);
  if (!match) throw new ApiError('unauthorized', `this device must sign its reports (${SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex HMAC-SHA256>)`);
  const seconds = Number(match[1]);
  if (Math.abs(nowMs / 1000 - seconds) > SIGNATURE_TOLERANCE_S) {
    throw new ApiError('unauthorized', `the signature is older or newer than ${SIGNATURE_TOLERANCE_S} s; check the device clock`);
  }
  const body = typeof ctx.state.rawBody === 'string' ? ctx.state.rawBody : '';
  const expected = Buffer.from(signBody(device.signingSecret, body, seconds).slice(-64), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(match[2]!, 'hex'))) throw new ApiError('unauthorized', 'the signature does not match the body');
}
