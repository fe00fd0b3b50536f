import type { IncomingMessage } from 'node:http';
import { forwardedHeader, TRUST_NO_PROXY, type TrustProxy } from './client-address.ts';

/**
 * Whether a WebSocket handshake may proceed (cross-site WebSocket hijacking): a browser always sends
 * `Origin`; it must be this server's own origin or one of the configured ones. Clients that are not
 * browsers send none and are judged by their token alone.
 */
export function originAllowed(request: Pick<IncomingMessage, 'headers' | 'socket'>, allowed: readonly string[], trust: TrustProxy = TRUST_NO_PROXY): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  // The host a trusted proxy was asked for; anyone else's X-Forwarded-Host is the client's own word.
  const host = forwardedHeader(request, 'x-forwarded-host', trust) ?? request.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
