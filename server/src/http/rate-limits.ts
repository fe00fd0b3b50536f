import type { Context, Next } from 'koa';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from './principal.ts';
import { ApiError } from './errors.ts';
import { SlowCheckSlots } from './slow-check-slots.ts';

export interface RateLimitSettings {
  /** Requests per 10 s from one address (every route). */
  perAddress: number;
  /** Requests per 10 s by one device or one staff member. */
  perDevice: number;
  perUser: number;
  /**
   * Sign-in attempts per 15 min for one user name from one address, and from one address overall. Each
   * attempt is charged before its password is checked; a successful one is given back.
   */
  loginFailuresPerUser: number;
  loginFailuresPerAddress: number;
  /** Device keys per minute from one address that need a slow (scrypt) check; proven keys are free. */
  deviceKeyChecksPerAddress: number;
}

/** Generous for honest traffic (a busy control room, counters posting every few seconds), a wall for floods. */
export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perAddress: 2_000,
  perDevice: 1_000,
  perUser: 500,
  loginFailuresPerUser: 10,
  loginFailuresPerAddress: 50,
  // A whole fleet restarting behind one address proves its keys within a few minutes (429s are retried).
  deviceKeyChecksPerAddress: 60,
};

/** Slow secret checks (scrypt) one address may have running at once; libuv's thread pool has 4 threads. */
export const SLOW_CHECKS_PER_ADDRESS = 2;

function tooMany(result: unknown, what: string): never {
  const seconds = result instanceof RateLimiterRes ? Math.max(1, Math.ceil(result.msBeforeNext / 1000)) : 10;
  throw new ApiError('rate_limited', `too many ${what}; retry in ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
}

/**
 * Per-instance limits (each instance counts its own traffic; behind a balancer the effective limit is
 * the sum). `enabled: false` (RATE_LIMIT=off) lets everything through, for benchmarks and load tests.
 */
export class RateLimits {
  private readonly address: RateLimiterMemory;
  private readonly principal: { device: RateLimiterMemory; user: RateLimiterMemory };
  private readonly loginUser: RateLimiterMemory;
  private readonly loginAddress: RateLimiterMemory;
  private readonly deviceKeys: RateLimiterMemory;
  private readonly slowChecks = new SlowCheckSlots(SLOW_CHECKS_PER_ADDRESS);

  constructor(
    readonly enabled: boolean,
    settings: RateLimitSettings = DEFAULT_RATE_LIMITS,
  ) {
    this.address = new RateLimiterMemory({ points: settings.perAddress, duration: 10 });
    this.principal = {
      device: new RateLimiterMemory({ points: settings.perDevice, duration: 10 }),
      user: new RateLimiterMemory({ points: settings.perUser, duration: 10 }),
    };
    this.loginUser = new RateLimiterMemory({ points: settings.loginFailuresPerUser, duration: 15 * 60 });
    this.loginAddress = new RateLimiterMemory({ points: settings.loginFailuresPerAddress, duration: 15 * 60 });
    this.deviceKeys = new RateLimiterMemory({ points: settings.deviceKeyChecksPerAddress, duration: 60 });
  }

  /** Every request, before anything else. */
  perAddress() {
    return async (ctx: Context, next: Next) => {
      if (this.enabled) await this.address.consume(ctx.ip).catch((result) => tooMany(result, 'requests from this address'));
      await next();
    };
  }

  /**
   * One request from `ip` outside Koa (Socket.IO's own HTTP paths): null when allowed, else the
   * seconds to wait.
   */
  async consumeAddress(ip: string): Promise<number | null> {
    if (!this.enabled) return null;
    try {
      await this.address.consume(ip);
      return null;
    } catch (result) {
      return result instanceof RateLimiterRes ? Math.max(1, Math.ceil(result.msBeforeNext / 1000)) : 10;
    }
  }

  /** Makes these limits reachable by the authentication middlewares (`consumeFor`). */
  attach() {
    return async (ctx: Context, next: Next) => {
      ctx.state.rateLimits = this;
      await next();
    };
  }

  /** After authentication: one request of a device or a staff member. */
  async consumeFor(principal: Principal): Promise<void> {
    if (!this.enabled) return;
    const [limiter, key] = principal.kind === 'device' ? [this.principal.device, principal.device.id] : [this.principal.user, principal.session.username];
    await limiter.consume(key).catch((result) => tooMany(result, 'requests'));
  }

  /**
   * Charges one sign-in attempt to the user name from this address and to the address, before the
   * password is checked: the charge is atomic (one process, no await between reading and writing the
   * counter), so concurrent guesses cannot all slip in before the first failure is counted. Past the
   * limit the attempt is refused without a check, even with the right password: guessing gains nothing.
   */
  async chargeLogin(username: string, ip: string): Promise<void> {
    if (!this.enabled) return;
    const userKey = `${username}\n${ip}`;
    await this.loginAddress.consume(ip).catch((result) => tooMany(result, 'sign-in attempts from this address'));
    await this.loginUser.consume(userKey).catch(async (result) => {
      // The address is not to blame for this user's lock-out: give its point back.
      await this.loginAddress.reward(ip, 1);
      tooMany(result, 'failed sign-ins');
    });
  }

  /** A right password: the attempt is given back, and this user's failures from this address forgotten. */
  async loginSucceeded(username: string, ip: string): Promise<void> {
    if (!this.enabled) return;
    await Promise.all([this.loginUser.delete(`${username}\n${ip}`), this.loginAddress.reward(ip, 1)]);
  }

  /**
   * Charges one slow device-key check to the address, before it runs (unknown device ids run one on a
   * dummy hash, so they are charged alike); a key that proves right is given back.
   */
  async chargeDeviceKeyCheck(ip: string): Promise<void> {
    if (this.enabled) await this.deviceKeys.consume(ip).catch((result) => tooMany(result, 'device keys tried from this address'));
  }

  /**
   * Waits for one of the address's slots for a slow check (scrypt), after it was charged; the returned
   * function frees it. One address's burst then holds at most SLOW_CHECKS_PER_ADDRESS of the threads
   * that every sign-in needs.
   */
  async slowCheck(ip: string): Promise<() => void> {
    return this.enabled ? this.slowChecks.acquire(ip) : () => undefined;
  }

  async deviceKeyProven(ip: string): Promise<void> {
    if (this.enabled) await this.deviceKeys.reward(ip, 1);
  }
}
