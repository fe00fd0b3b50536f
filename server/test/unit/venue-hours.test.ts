import { describe, expect, it } from 'vitest';
import { addDays, isDay, venueDay, venueHour, venueMinuteOfDay } from '@fairwatch/venue/venue-time';

const TZ = 'Africa/Casablanca';

describe('days and hours in Africa/Casablanca', () => {
  it('puts a report of 23:30 UTC on the next local day, in its first hour (UTC+1 in October)', () => {
    const at = Date.parse('2022-10-15T23:30:00Z');
    expect(venueDay(at, TZ)).toBe('2022-10-16');
    expect(venueHour(at, TZ)).toBe(0);
    expect(venueMinuteOfDay(at, TZ)).toBe(30);
  });

  it('keeps 22:59 UTC on the same local day, in its last hour', () => {
    const at = Date.parse('2022-10-15T22:59:00Z');
    expect(venueDay(at, TZ)).toBe('2022-10-15');
    expect(venueHour(at, TZ)).toBe(23);
  });

  it('follows the clock change of Ramadan (UTC+0 from 27 March 2022)', () => {
    expect(venueHour(Date.parse('2022-04-10T23:30:00Z'), TZ)).toBe(23);
    expect(venueDay(Date.parse('2022-04-10T23:30:00Z'), TZ)).toBe('2022-04-10');
    expect(venueHour(Date.parse('2022-06-10T23:30:00Z'), TZ)).toBe(0);
  });

  it('checks days and counts them across months and years', () => {
    expect(isDay('2022-10-15')).toBe(true);
    expect(isDay('2022-02-30')).toBe(false);
    expect(isDay('2022-10-15T00:00')).toBe(false);
    expect(addDays('2022-10-01', -1)).toBe('2022-09-30');
    expect(addDays('2022-12-31', 1)).toBe('2023-01-01');
  });
});
