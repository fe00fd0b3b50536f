import type { Context, Next } from 'koa';

/**
 * A strict Content-Security-Policy that the dashboard works under: scripts, styles, connections and
 * workers only from this origin. Inline style attributes stay allowed (Leaflet and Svelte set element
 * styles), inline scripts do not. Images may be data:/blob: URLs (incident photos made on the phone).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "media-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), geolocation=(), microphone=(), payment=(), usb=()',
};

/**
 * Once a browser has seen it over HTTPS, it refuses plain HTTP to this host for a year: a phone on the
 * fair's Wi-Fi cannot be talked down to HTTP by someone answering in the server's place. No
 * `includeSubDomains`: a venue's LAN name may have neighbours that are not ours.
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/**
 * Security headers on every answer (API errors included); no CORS headers: other origins are refused by
 * browsers. `hsts`: when this server speaks TLS itself (a TLS-terminating proxy sends its own).
 */
export function securityHeaders(options: { hsts?: boolean } = {}) {
  const headers = options.hsts ? { ...HEADERS, 'Strict-Transport-Security': STRICT_TRANSPORT_SECURITY } : HEADERS;
  return async (ctx: Context, next: Next) => {
    ctx.set(headers);
    ctx.remove('X-Powered-By');
    await next();
  };
}
