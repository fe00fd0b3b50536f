import { describe, expect, it } from 'vitest';
import { medianMs, responseTimes, type IncidentHistoryEntry } from '../src/index.ts';

const at = (seconds: number) => new Date(Date.parse('2022-10-15T10:00:00.000Z') + seconds * 1000).toISOString();
const step = (seconds: number, status: IncidentHistoryEntry['status'], kind?: IncidentHistoryEntry['kind']): IncidentHistoryEntry => ({
  at: at(seconds),
  by: 'x',
  status,
  ...(kind && { kind }),
});

describe('response times', () => {
  it('measures opening to acknowledgement and to resolution', () => {
    const history = [step(0, 'open'), step(30, 'open', 'note'), step(90, 'acknowledged'), step(95, 'acknowledged', 'assigned'), step(600, 'resolved')];
    expect(responseTimes({ createdAt: at(0), history })).toEqual({ toAcknowledgeMs: 90_000, toResolveMs: 600_000 });
  });

  it('is null while waiting, and an incident resolved at once was acknowledged then', () => {
    expect(responseTimes({ createdAt: at(0), history: [step(0, 'open')] })).toEqual({ toAcknowledgeMs: null, toResolveMs: null });
    expect(responseTimes({ createdAt: at(0), history: [step(0, 'open'), step(42, 'resolved')] })).toEqual({ toAcknowledgeMs: 42_000, toResolveMs: 42_000 });
  });

  it('does not count notes or escalations as responses', () => {
    const history = [step(0, 'open'), step(120, 'open', 'escalated'), step(130, 'open', 'note')];
    expect(responseTimes({ createdAt: at(0), history }).toAcknowledgeMs).toBeNull();
  });

  it('takes the median of known durations', () => {
    expect(medianMs([3, null, 1, 2])).toBe(2);
    expect(medianMs([4, 1, 2, 3])).toBe(2.5);
    expect(medianMs([null])).toBeNull();
  });
});
