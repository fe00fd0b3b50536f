import { ApiError } from '../api.ts';

/** Retry every so often while something waits: Background Sync is missing on Safari and Firefox. */
export const RETRY_MS = 15_000;

/** Answers that will never succeed on a resend: the item is kept, marked refused, for the user to see. */
export function isPermanent(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
}

/**
 * The moments a phone's queue tries to send: when the network returns, when the page comes back to
 * the foreground, and on a timer while something waits. Shared by the incident outbox and the field
 * phones' queue. Returns a function that stops listening.
 */
export function onSendChances(send: () => void, waiting: () => boolean, onOnline: (online: boolean) => void): () => void {
  const online = () => {
    onOnline(true);
    send();
  };
  const offline = () => onOnline(false);
  const visible = () => {
    if (document.visibilityState === 'visible') send();
  };
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  document.addEventListener('visibilitychange', visible);
  const timer = setInterval(() => {
    if (waiting()) send();
  }, RETRY_MS);
  return () => {
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
    document.removeEventListener('visibilitychange', visible);
    clearInterval(timer);
  };
}
