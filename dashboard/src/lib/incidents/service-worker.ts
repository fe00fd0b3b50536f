/**
 * Registers the service worker that keeps the app shell for offline starts (the built app only: the
 * dev server has no sw.js). Browsers allow it on https and on localhost.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // No service worker (plain http on a LAN address): the app still works while online.
    });
  });
}
