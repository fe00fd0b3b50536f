import { describe, expect, it } from 'vitest';
import { CATALOG } from '@fairwatch/messages';
import { INCIDENT_STATUSES, INCIDENT_TYPES, SEVERITIES } from '@fairwatch/protocol';
import { COMMA_DIALECT, SEMICOLON_DIALECT, csvDocument, csvRow } from '../../src/reports/csv.ts';
import { durationCell } from '../../src/reports/csv-reports.ts';
import { LABELS, SEVERITY_LABELS, STATUS_LABELS, TYPE_LABELS } from '../../src/reports/labels.ts';
import { venueOffsets, venueTimeOfDay } from '../../src/domain/venue-time.ts';

const SCREENS = CATALOG;

describe('report CSVs', () => {
  it('write French and Arabic for their spreadsheets: semicolons and a decimal comma; English: commas and a point', () => {
    expect(csvRow(['Pôle des produits', 1.5, 42, null], SEMICOLON_DIALECT)).toBe('Pôle des produits;1,5;42;');
    expect(csvRow(['Products pole', 1.5, 42, null], COMMA_DIALECT)).toBe('Products pole,1.5,42,');
    // Quoting follows the separator: a comma needs no quotes in a semicolon file, a semicolon does.
    expect(csvRow(['a, b', 'c; d'], SEMICOLON_DIALECT)).toBe('a, b;"c; d"');
    expect(csvRow(['a, b', 'c; d'], COMMA_DIALECT)).toBe('"a, b",c; d');
    expect(csvRow(['=1+1', '-3'], SEMICOLON_DIALECT)).toBe("'=1+1;'-3");
    expect(csvDocument([['x']], SEMICOLON_DIALECT)).toBe('\uFEFFx\r\n');
  });

  it('write durations as h:mm:ss (a 40 s median is not "0 min")', () => {
    expect(durationCell(40_000)).toBe('0:00:40');
    expect(durationCell(125_400)).toBe('0:02:05');
    expect(durationCell(3_725_000)).toBe('1:02:05');
    expect(durationCell(null)).toBeNull();
  });

  it('name types, severities, statuses and shared figures exactly as the screens do', () => {
    for (const language of ['en', 'fr', 'ar'] as const) {
      const screen = SCREENS[language];
      for (const type of INCIDENT_TYPES) expect(TYPE_LABELS[language][type], `${language} ${type}`).toBe(screen[`incidentType.${type}`]);
      for (const severity of SEVERITIES) expect(SEVERITY_LABELS[language][severity]).toBe(screen[`severity.${severity}`]);
      for (const status of INCIDENT_STATUSES) expect(STATUS_LABELS[language][status]).toBe(screen[`status.${status}`]);
      const l = LABELS[language];
      expect(l.entries).toBe(screen['rep.entries']);
      expect(l.exits).toBe(screen['rep.exits']);
      expect(l.checkins).toBe(screen['rep.checkins']);
      expect(l.peakInside).toBe(screen['rep.peak']);
      expect(l.uniqueVisitors).toBe(screen['mgr.unique']);
      expect(l.pole).toBe(screen['mgr.pole']);
      expect(l.peakOccupancy).toBe(screen['rep.peakOccupancy']);
      expect(l.capacity).toBe(screen['rep.capacity']);
      expect(l.activeStands).toBe(screen['rep.activeStands']);
      expect(l.toAcknowledge.startsWith(screen['rep.toAcknowledge'])).toBe(true);
      expect(l.toResolve.startsWith(screen['rep.toResolve'])).toBe(true);
    }
  });
});

describe('the venue clock served to the dashboard', () => {
  it('gives the UTC offsets of the venue, with each change of the clock to the minute', () => {
    // Morocco went to UTC+0 for Ramadan on 2023-03-19 at 03:00 local (02:00 UTC), back to +1 on 2023-04-23.
    const table = venueOffsets(Date.parse('2023-04-01T12:00:00Z'), 'Africa/Casablanca', 40, 30);
    expect(table.map((s) => s.offsetMinutes)).toEqual([60, 0, 60]);
    expect(table[1]!.from).toBe('2023-03-19T02:00:00.000Z');
    expect(table[2]!.from).toBe('2023-04-23T02:00:00.000Z');
    expect(venueOffsets(Date.parse('2022-10-15T12:00:00Z'), 'Asia/Kathmandu', 5, 5)).toEqual([expect.objectContaining({ offsetMinutes: 345 })]);
  });

  it('prints local times of day as reports do', () => {
    expect(venueTimeOfDay('2022-10-15T12:10:00Z', 'Africa/Casablanca')).toBe('13:10');
    expect(venueTimeOfDay(Date.parse('2022-10-15T18:44:59Z'), 'Asia/Kolkata')).toBe('00:14');
  });
});
