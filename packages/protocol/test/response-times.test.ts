import { describe, expect, it } from 'vitest';
import { medianMs, openedAt, responseTimes, waitedMs, type IncidentHistoryEntry } from '../src/index.ts';

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

  it('counts from the time the phone logged it, never later than the server received it', () => {
    // Logged 20 minutes before it reached the server (offline), acknowledged a minute after it arrived.
    const offline = { createdAt: at(1200), loggedAt: at(0), history: [step(0, 'open'), step(1260, 'acknowledged')] };
    expect(openedAt(offline)).toBe(at(0));
    expect(responseTimes(offline).toAcknowledgeMs).toBe(1_260_000);
    expect(waitedMs(offline, Date.parse(at(1500)))).toBe(1_500_000);
    // A phone clock 2 minutes fast: the server's receipt time stands.
    const fast = { createdAt: at(0), loggedAt: at(120), history: [step(0, 'open')] };
    expect(openedAt(fast)).toBe(at(0));
  });

  it('never waits a negative time (a screen clock behind the server)', () => {
    expect(waitedMs({ createdAt: at(10) }, Date.parse(at(7)))).toBe(0);
  });

  it('makes a reopened incident wait for its resolution again, and keeps its first acknowledgement', () => {
    const history = [step(0, 'open'), step(60, 'acknowledged'), step(300, 'resolved'), step(400, 'open', 'reopened'), step(450, 'acknowledged')];
    expect(responseTimes({ createdAt: at(0), status: 'acknowledged', history })).toEqual({ toAcknowledgeMs: 60_000, toResolveMs: null });
    const resolvedAgain = [...history, step(900, 'resolved')];
    expect(responseTimes({ createdAt: at(0), status: 'resolved', history: resolvedAgain })).toEqual({ toAcknowledgeMs: 60_000, toResolveMs: 900_000 });
  });
});
