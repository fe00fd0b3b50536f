import { afterEach, describe, expect, it } from 'vitest';
import { formatTime } from '../src/lib/i18n/format.ts';
import { setVenueClock, venueDayOf, venueOffsetMinutes } from '../src/lib/venue-time.ts';

const TZ = 'Africa/Casablanca';

describe('the dashboard’s venue clock', () => {
  afterEach(() => setVenueClock(null));

  it('formats venue times with the offsets the server sends, not with the browser’s time-zone data', () => {
    // Without the server's clock, Intl's data for the zone (UTC+1 in October 2022).
    expect(formatTime('2022-10-15T18:50:00Z', 'fr-FR', TZ)).toBe('19:50');
    // The server says UTC+0 from 18:00 UTC (as if its rules differed): every screen follows the server.
    setVenueClock({ timezone: TZ, now: '2022-10-15T19:00:00Z', offsets: [{ from: '2022-10-01T00:00:00Z', offsetMinutes: 60 }, { from: '2022-10-15T18:00:00Z', offsetMinutes: 0 }] });
    expect(formatTime('2022-10-15T17:59:00Z', 'fr-FR', TZ)).toBe('18:59');
    expect(formatTime('2022-10-15T18:50:00Z', 'fr-FR', TZ)).toBe('18:50');
    expect(formatTime('2022-10-15T18:50:07Z', 'en-GB', TZ, true)).toBe('18:50:07');
    expect(venueOffsetMinutes(Date.parse('2022-10-15T18:00:00Z'), TZ)).toBe(0);
    // Another zone is not the venue's: Intl stands in.
    expect(venueOffsetMinutes(0, 'Europe/Paris')).toBeNull();
  });

  it('gives the venue day of an instant around local midnight', () => {
    setVenueClock({ timezone: TZ, now: '2022-10-15T19:00:00Z', offsets: [{ from: '2022-10-01T00:00:00Z', offsetMinutes: 60 }] });
    expect(venueDayOf('2022-10-15T22:59:00Z', TZ)).toBe('2022-10-15');
    expect(venueDayOf('2022-10-15T23:00:00Z', TZ)).toBe('2022-10-16');
  });
});
