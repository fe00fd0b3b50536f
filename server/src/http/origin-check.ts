import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket handshake may proceed (cross-site WebSocket hijacking): a browser always sends
 * `Origin`; it must be this server's own origin or one of the configured ones. Clients that are not
 * browsers send none and are judged by their token alone.
 */
export function originAllowed(request: Pick<IncomingMessage, 'headers'>, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  const host = request.headers['x-forwarded-host'] ?? request.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
