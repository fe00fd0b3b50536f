import { describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import { polygonCentroid } from '@fairwatch/venue';
import { tinyVenue } from '../../server/test/support/tiny-venue.ts';
import { NO_FILTERS, byUrgency, filterIncidents, fold, incidentPoint, placeAt, searchStands } from '../src/lib/incidents/places.ts';
import { alertFor } from '../src/lib/incidents/alerts-rules.ts';

const incident = (fields: Partial<Incident>): Incident => ({
  id: fields.id ?? 'i',
  type: 'medical',
  severity: 'low',
  description: 'x',
  status: 'open',
  reportedBy: 'security',
  createdAt: '2022-10-15T10:00:00.000Z',
  updatedAt: '2022-10-15T10:00:00.000Z',
  history: [],
  ...fields,
});

describe('incident places', () => {
  it('pins an incident at its position, else its stand, else its zone', () => {
    expect(incidentPoint(tinyVenue, { position: [2, 3], stand: 'S1' })).toEqual([2, 3]);
    expect(incidentPoint(tinyVenue, { stand: 'S1', zone: 'stage' })).toEqual(polygonCentroid(tinyVenue.stands[0]!.polygon));
    expect(incidentPoint(tinyVenue, { zone: 'stage' })).toEqual(polygonCentroid(tinyVenue.zones[1]!.polygon));
    expect(incidentPoint(tinyVenue, {})).toBeNull();
  });

  it('finds the stand and zone of a tapped point', () => {
    expect(placeAt(tinyVenue, [2, 2])).toEqual({ zone: 'hall', stand: 'S1' });
    expect(placeAt(tinyVenue, [12, 5])).toEqual({ zone: 'stage' });
  });

  it('searches stands by number or name, accents and Arabic letter forms folded', () => {
    expect(searchStands(tinyVenue, '2').map((s) => s.id)).toEqual(['S2']);
    expect(searchStands(tinyVenue, 'stand').map((s) => s.id)).toEqual(['S1', 'S2']);
    expect(searchStands(tinyVenue, '  ')).toEqual([]);
    expect(fold('Café Été')).toBe('cafe ete');
    expect(fold('أحمد')).toBe(fold('احمد'));
  });
});

describe('incident filters and order', () => {
  const list = [
    incident({ id: 'a', severity: 'critical', zone: 'hall' }),
    incident({ id: 'b', severity: 'low', stand: 'S2', status: 'acknowledged', assignee: 'security' }),
    incident({ id: 'c', severity: 'high', zone: 'stage', status: 'resolved' }),
  ];
  const ids = (incidents: Incident[]) => incidents.map((i) => i.id);

  it('filters by status, severity, type, zone (stands count in their zone) and assignee', () => {
    expect(ids(filterIncidents(list, { ...NO_FILTERS, status: 'active' }, tinyVenue))).toEqual(['a', 'b']);
    expect(ids(filterIncidents(list, { ...NO_FILTERS, severity: 'high' }, tinyVenue))).toEqual(['c']);
    expect(ids(filterIncidents(list, { ...NO_FILTERS, zone: 'hall' }, tinyVenue))).toEqual(['a', 'b']);
    expect(ids(filterIncidents(list, { ...NO_FILTERS, assignee: 'security' }, tinyVenue))).toEqual(['b']);
    expect(ids(filterIncidents(list, { ...NO_FILTERS, type: 'fire' }, tinyVenue))).toEqual([]);
  });

  it('takes "mine" as reported by me or assigned to me (issue 15: a guard follows what they reported)', () => {
    const mixed = [
      incident({ id: 'reported', reportedBy: 'guard-1' }),
      incident({ id: 'assigned', reportedBy: 'operations', assignee: 'guard-1' }),
      incident({ id: 'other', reportedBy: 'guard-2', assignee: 'guard-3' }),
    ];
    expect(ids(filterIncidents(mixed, { ...NO_FILTERS, mine: 'guard-1' }, tinyVenue))).toEqual(['reported', 'assigned']);
  });

  it('puts escalated, then severe, unresolved incidents first', () => {
    const escalated = incident({ id: 'e', severity: 'high', escalatedAt: '2022-10-15T10:05:00.000Z' });
    expect(ids([...list, escalated].sort(byUrgency))).toEqual(['e', 'a', 'b', 'c']);
  });
});

describe('control-room alerts', () => {
  const now = Date.parse('2022-10-15T10:01:00.000Z');
  it('raises an alarm for a new critical incident and for an escalation, once', () => {
    const critical = incident({ severity: 'critical' });
    expect(alertFor(undefined, critical, now)?.kind).toBe('critical');
    expect(alertFor(critical, critical, now)).toBeNull();
    expect(alertFor(undefined, incident({ severity: 'high' }), now)).toBeNull();
    const escalated = { ...critical, escalatedAt: '2022-10-15T10:03:00.000Z' };
    expect(alertFor(critical, escalated, now)?.kind).toBe('escalated');
    expect(alertFor(escalated, escalated, now)).toBeNull();
  });

  it('stays quiet for old or handled incidents', () => {
    expect(alertFor(undefined, incident({ severity: 'critical' }), now + 3_600_000)).toBeNull();
    expect(alertFor(undefined, incident({ severity: 'critical', status: 'acknowledged' }), now)).toBeNull();
  });
});
