import { describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import { judgeDelta, mergeIncidents } from '../src/lib/sequence.ts';

describe('judgeDelta', () => {
  it('applies the delta right after the figures held', () => expect(judgeDelta(41, 42)).toBe('apply'));
  it('drops a delta already covered by the figures held', () => {
    expect(judgeDelta(42, 42)).toBe('stale');
    expect(judgeDelta(42, 7)).toBe('stale');
  });
  it('asks for a resync when a delta went missing', () => expect(judgeDelta(41, 43)).toBe('gap'));
  it('asks for a resync when a delta comes before any snapshot', () => expect(judgeDelta(null, 1)).toBe('gap'));
});

function incident(id: string, createdAt: string, updatedAt = createdAt, status: Incident['status'] = 'open'): Incident {
  return { id, type: 'medical', severity: 'high', description: id, status, reportedBy: 'security', createdAt, updatedAt, history: [] };
}

describe('mergeIncidents', () => {
  it('lists incidents newest first', () => {
    const merged = mergeIncidents([incident('a', '2022-10-15T10:00:00Z')], [incident('b', '2022-10-15T11:00:00Z')]);
    expect(merged.map((i) => i.id)).toEqual(['b', 'a']);
  });

  it('replaces an incident by id with its newer version', () => {
    const merged = mergeIncidents(
      [incident('a', '2022-10-15T10:00:00Z')],
      [incident('a', '2022-10-15T10:00:00Z', '2022-10-15T10:05:00Z', 'acknowledged')],
    );
    expect(merged).toHaveLength(1);
    expect(merged[0]?.status).toBe('acknowledged');
  });

  it('keeps a newer event when an older list arrives after it', () => {
    const fromEvent = incident('a', '2022-10-15T10:00:00Z', '2022-10-15T10:05:00Z', 'resolved');
    const merged = mergeIncidents([fromEvent], [incident('a', '2022-10-15T10:00:00Z')]);
    expect(merged[0]?.status).toBe('resolved');
  });
});
