import type { Context, Next } from 'koa';

/**
 * A strict Content-Security-Policy that the dashboard works under: scripts, styles, connections and
 * workers only from this origin. Inline style attributes stay allowed (Leaflet and Svelte set element
 * styles), inline scripts do not. Images may be data:/blob: URLs (incident photos made on the phone).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // wasm-unsafe-eval lets the stand scanner compile its bundled barcode decoder (WebAssembly), not evaluate script.
  "script-src 'self' 'wasm-unsafe-eval'",
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

/** Security headers on every answer (API errors included); no CORS headers: other origins are refused by browsers. */
export function securityHeaders() {
  return async (ctx: Context, next: Next) => {
    ctx.set(HEADERS);
    ctx.remove('X-Powered-By');
    await next();
  };
}
