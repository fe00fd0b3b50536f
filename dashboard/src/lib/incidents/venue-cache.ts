import type { VenueClock } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { getJson } from '../api.ts';
import { setVenueClock, venueClock } from '../venue-time.ts';
import { cacheGet, cachePut } from './phone-db.ts';

/**
 * The venue from the server, kept on the phone for the next time the page opens without network (the
 * API itself is never cached by the service worker: this is data the app chose to keep).
 */
export async function loadVenue(): Promise<{ venue: Venue; offline: boolean }> {
  try {
    const venue = await getJson<Venue>('/api/v1/venue');
    void cachePut('venue', venue).catch(() => undefined);
    return { venue, offline: false };
  } catch (error) {
    const kept = await cacheGet<Venue>('venue').catch(() => undefined);
    if (kept) return { venue: kept, offline: true };
    throw error;
  }
}

/** The venue's clock (its UTC offsets as the server resolves them), also kept for offline starts. */
export async function loadVenueClock(): Promise<void> {
  try {
    const clock = await getJson<VenueClock>('/api/v1/clock');
    setVenueClock(clock);
    void cachePut('clock', clock).catch(() => undefined);
  } catch {
    if (!venueClock()) setVenueClock((await cacheGet<VenueClock>('clock').catch(() => undefined)) ?? null);
  }
}
