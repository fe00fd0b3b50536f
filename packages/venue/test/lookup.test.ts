import { describe, expect, it } from 'vitest';
import { fesVenue, indexVenue } from '../src/index.ts';

describe('indexVenue', () => {
  const index = indexVenue(fesVenue);

  it('finds zones, stands and gates by id', () => {
    expect(index.zones.get('caftan-stage')?.kind).toBe('stage');
    expect(index.stands.get('INT-SENEGAL')?.zone).toBe('international-pole');
    expect(index.gates.get('main-gate')?.to).toBe('entrance-plaza');
    expect(index.zones.size).toBe(fesVenue.zones.length);
    expect(index.stands.size).toBe(fesVenue.stands.length);
    expect(index.gates.size).toBe(fesVenue.gates.length);
  });

  it('lists the gates on either side of a zone', () => {
    expect(index.gatesOfZone('entrance-plaza').map((gate) => gate.id)).toEqual(['main-gate', 'plaza-promenade']);
    expect(index.gatesOfZone('caftan-stage').map((gate) => gate.id)).toEqual(['promenade-stage']);
    expect(index.gatesOfZone('central-promenade')).toHaveLength(8);
  });

  it('lists the stands of a zone and nothing for an unknown zone', () => {
    expect(index.standsOfZone('international-pole')).toHaveLength(4);
    expect(index.standsOfZone('central-promenade')).toEqual([]);
    expect(index.standsOfZone('nowhere')).toEqual([]);
    expect(index.gatesOfZone('nowhere')).toEqual([]);
  });
});
