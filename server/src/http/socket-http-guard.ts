import type { IncomingMessage } from 'node:http';
import type { RateLimits } from './rate-limits.ts';

/** The part of a response both kinds of Socket.IO request have (a WebSocket upgrade's is engine.io's own). */
interface GuardedResponse {
  setHeader(name: string, value: string): unknown;
  writeHead(status: number, headers?: Record<string, string>): unknown;
  end(body?: string): unknown;
}

/**
 * Socket.IO answers its HTTP requests (long-polling, the WebSocket upgrade) before Koa sees them: this
 * engine.io middleware gives them the same security headers and the same per-address rate limit as
 * every other request. A refused poll gets the contract's 429; a refused upgrade is closed.
 */
export function socketHttpGuard(rateLimits: RateLimits, headers: Readonly<Record<string, string>>, addressOf: (req: IncomingMessage) => string) {
  return (req: IncomingMessage, res: GuardedResponse, next: (error?: Error) => void): void => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    void rateLimits.consumeAddress(addressOf(req)).then((waitS) => {
      if (waitS === null) return next();
      const body = JSON.stringify({ error: { code: 'rate_limited', message: `too many requests from this address; retry in ${waitS} s` } });
      res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(waitS) });
      res.end(body);
    }, next);
  };
}
