import { describe, expect, it } from 'vitest';
import { venueDay } from '@fairwatch/venue/venue-time';

describe('venueDay', () => {
  it('gives the calendar day in the venue time zone, around its midnight', () => {
    // Casablanca was at UTC+1 in October 2022.
    expect(venueDay(Date.parse('2022-10-15T22:59:59.999Z'), 'Africa/Casablanca')).toBe('2022-10-15');
    expect(venueDay(Date.parse('2022-10-15T23:00:00.000Z'), 'Africa/Casablanca')).toBe('2022-10-16');
  });

  it('stays exact at midnight in zones with half and quarter hour offsets', () => {
    // Kolkata UTC+5:30, Kathmandu UTC+5:45: midnight falls inside a UTC hour.
    expect(venueDay(Date.parse('2022-10-15T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2022-10-15');
    expect(venueDay(Date.parse('2022-10-15T18:30:00.000Z'), 'Asia/Kolkata')).toBe('2022-10-16');
    expect(venueDay(Date.parse('2022-10-15T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2022-10-15');
    expect(venueDay(Date.parse('2022-10-15T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2022-10-16');
  });

  it('takes dates and milliseconds alike', () => {
    const at = new Date('2022-10-20T12:00:00Z');
    expect(venueDay(at, 'Africa/Casablanca')).toBe(venueDay(at.getTime(), 'Africa/Casablanca'));
  });
});

describe('venueHour', () => {
  it('turns the hour exactly at the local hour, also in half and quarter hour zones', async () => {
    const { venueHour } = await import('@fairwatch/venue/venue-time');
    expect(venueHour(Date.parse('2022-10-15T09:59:59.999Z'), 'Africa/Casablanca')).toBe(10);
    expect(venueHour(Date.parse('2022-10-15T10:00:00.000Z'), 'Africa/Casablanca')).toBe(11);
    expect(venueHour(Date.parse('2022-10-15T04:29:59.999Z'), 'Asia/Kolkata')).toBe(9);
    expect(venueHour(Date.parse('2022-10-15T04:30:00.000Z'), 'Asia/Kolkata')).toBe(10);
    expect(venueHour(Date.parse('2022-10-15T04:14:59.999Z'), 'Asia/Kathmandu')).toBe(9);
    expect(venueHour(Date.parse('2022-10-15T04:15:00.000Z'), 'Asia/Kathmandu')).toBe(10);
  });
});
