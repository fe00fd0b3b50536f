import { describe, expect, it } from 'vitest';
import { localTimeToInstant } from '@fairwatch/venue/venue-time';
import { acknowledge, alertKey, expectedLevel, inflowForecast, inflowStep, newAlert, programmeSlotsDue, thresholdStep } from '../../src/domain/zone-alerts.ts';
import type { DensityLevel } from '@fairwatch/protocol';

const thresholds = { busy: 1, crowded: 2, critical: 3.5 };
const hall = { areaM2: 100, thresholds };
const T0 = Date.parse('2022-10-15T15:00:00.000Z');

/** Runs a series of densities through the threshold rule, as the watch does, and lists the alerts raised and cleared. */
function run(densities: number[]): string[] {
  let active: DensityLevel | null = null;
  const events: string[] = [];
  for (const density of densities) {
    const step = thresholdStep(active, density, thresholds);
    if (step?.action === 'raise') events.push(`raise ${(active = step.level)}`);
    else if (step?.action === 'clear') events.push(`clear ${active}`), (active = null);
  }
  return events;
}

describe('threshold alerts with hysteresis', () => {
  it('raises when a zone reaches busy, crowded and critical, one alert per level reached', () => {
    expect(run([0.5, 1.0, 1.5, 2.0, 3.6])).toEqual(['raise busy', 'raise crowded', 'raise critical']);
  });

  it('does not flap for a zone hovering at a threshold', () => {
    expect(run([0.99, 1.0, 0.99, 1.01, 0.95, 1.0, 0.9, 1.02])).toEqual(['raise busy']);
    expect(run([1.9, 2.0, 1.95, 2.01, 1.99, 2.0])).toEqual(['raise busy', 'raise crowded']);
  });

  it('clears only once the density is well below busy, and raises again after that', () => {
    expect(run([1.2, 0.9, 0.86, 0.84, 1.0])).toEqual(['raise busy', 'clear busy', 'raise busy']);
  });

  it('keeps a critical alert while the zone comes down through crowded and busy', () => {
    expect(run([3.6, 2.5, 1.5, 3.6, 0.5])).toEqual(['raise critical', 'clear critical']);
  });
});

describe('the 15-minute pre-alert from net inflow', () => {
  const samples = (perMinute: number, start: number, minutes = 5) =>
    Array.from({ length: minutes * 4 + 1 }, (_, i) => ({ atMs: T0 + i * 15_000, occupancy: Math.round(start + (perMinute * i) / 4) }));
  const now = T0 + 5 * 60_000;

  it('forecasts the time to crowded from the net inflow', () => {
    // 100 → 150 in 5 min: +10/min; crowded at 200 persons: 5 more minutes.
    const forecast = inflowForecast(samples(10, 100), hall, now);
    expect(forecast?.netPerMinute).toBeCloseTo(10, 0);
    expect(forecast?.minutesToCrowded).toBeCloseTo(5, 0);
  });

  it('raises within 15 minutes, not beyond, and clears past 20 (no flapping in between)', () => {
    const soon = inflowForecast(samples(4, 100), hall, now); // 120 now, 80 to go at 4/min: 20 min
    expect(soon?.minutesToCrowded).toBeCloseTo(20, 0);
    expect(inflowStep(false, soon, 'busy')).toBeNull();
    const sooner = inflowForecast(samples(6, 100), hall, now); // 130 now, 70 to go at 6/min: ~11.7 min
    expect(inflowStep(false, sooner, 'busy')).toBe('raise');
    expect(inflowStep(true, { netPerMinute: 4, minutesToCrowded: 18 }, 'busy')).toBeNull();
    expect(inflowStep(true, { netPerMinute: 2, minutesToCrowded: 25 }, 'busy')).toBe('clear');
  });

  it('says nothing for a zone that empties, or with under a minute of figures, and hands over once crowded', () => {
    expect(inflowForecast(samples(-5, 150), hall, now)?.minutesToCrowded).toBeNull();
    expect(inflowForecast(samples(10, 100).slice(0, 3), hall, T0 + 30_000)).toBeNull();
    expect(inflowStep(true, { netPerMinute: 10, minutesToCrowded: 1 }, 'crowded')).toBe('clear');
  });
});

describe('programme pre-alerts', () => {
  const show = { id: 'caftan-show', zone: 'stage', title: { ar: 'ع', fr: 'Caftan', en: 'Caftan' }, start: '18:00', minutes: 60, expected: 100, leadMinutes: 30 };
  const tz = 'Africa/Casablanca';

  it('turns a local time of the venue into an instant', () => {
    // Morocco was on UTC+1 in October 2022.
    expect(new Date(localTimeToInstant('2022-10-15', '18:00', tz)).toISOString()).toBe('2022-10-15T17:00:00.000Z');
  });

  it('is due from the lead time before the start to the end of the slot', () => {
    const start = localTimeToInstant('2022-10-15', '18:00', tz);
    expect(programmeSlotsDue([show], '2022-10-15', tz, start - 31 * 60_000)).toEqual([]);
    expect(programmeSlotsDue([show], '2022-10-15', tz, start - 30 * 60_000)).toHaveLength(1);
    expect(programmeSlotsDue([show], '2022-10-15', tz, start + 59 * 60_000)).toHaveLength(1);
    expect(programmeSlotsDue([show], '2022-10-15', tz, start + 60 * 60_000)).toEqual([]);
    expect(programmeSlotsDue([{ ...show, days: ['2022-10-16'] }], '2022-10-15', tz, start)).toEqual([]);
  });

  it('sees across midnight: a show just after it is due before it, a show running past it stays due', () => {
    const late = { ...show, start: '00:10' };
    const beforeMidnight = localTimeToInstant('2022-10-15', '23:50', tz);
    expect(programmeSlotsDue([late], '2022-10-15', tz, beforeMidnight)).toEqual([expect.objectContaining({ day: '2022-10-16', startMs: localTimeToInstant('2022-10-16', '00:10', tz) })]);
    const evening = { ...show, start: '23:30' };
    const afterMidnight = localTimeToInstant('2022-10-16', '00:15', tz);
    expect(programmeSlotsDue([evening], '2022-10-16', tz, afterMidnight)).toEqual([expect.objectContaining({ day: '2022-10-15' })]);
    expect(programmeSlotsDue([{ ...late, days: ['2022-10-17'] }], '2022-10-15', tz, beforeMidnight)).toEqual([]);
  });

  it('names the level the expected audience would bring', () => {
    expect(expectedLevel({ areaM2: 50, thresholds }, 20, 100)).toBe('crowded'); // 120 / 50 = 2.4
    expect(expectedLevel({ areaM2: 50, thresholds }, 0, undefined)).toBe('busy');
  });
});

describe('alerts', () => {
  it('keeps the first acknowledgement', () => {
    const alert = newAlert({ kind: 'threshold', zone: 'hall', level: 'crowded' }, { occupancy: 210, density: 2.1, level: 'crowded', uncertain: true }, T0);
    expect(alert).toMatchObject({ uncertain: true, clearedAt: null, acknowledgedBy: null });
    const first = acknowledge(alert, 'operations', '2022-10-15T15:01:00.000Z');
    expect(first).toMatchObject({ kind: 'changed', alert: { acknowledgedBy: 'operations', acknowledgedAt: '2022-10-15T15:01:00.000Z' } });
    expect(acknowledge(first.alert, 'admin', '2022-10-15T15:02:00.000Z')).toMatchObject({ kind: 'unchanged', alert: { acknowledgedBy: 'operations' } });
    expect(alertKey(alert)).toBe('threshold:hall');
  });
});
