import { describe, expect, it } from 'vitest';
import type { Incident, Severity } from '@fairwatch/protocol';
import { DEFAULT_ESCALATION, escalationPolicyOf } from '@fairwatch/venue';
import { dueForEscalation, escalationDueAt, shouldEscalate } from '../../src/domain/incident-escalation.ts';

const policy = { high: 5, critical: 2 };
const CREATED = Date.parse('2022-10-15T10:00:00.000Z');
const minutes = (n: number) => CREATED + n * 60_000;
const incident = (severity: Severity, extra: Partial<Incident> = {}): Incident => ({
  id: `${severity}-${extra.createdAt ?? ''}`,
  type: 'medical',
  severity,
  description: 'x',
  status: 'open',
  reportedBy: 'security',
  createdAt: new Date(CREATED).toISOString(),
  updatedAt: new Date(CREATED).toISOString(),
  history: [],
  ...extra,
});

describe('escalation timing', () => {
  it('escalates an open critical incident at the venue time, not a millisecond before', () => {
    expect(escalationDueAt(incident('critical'), policy)).toBe(minutes(2));
    expect(shouldEscalate(incident('critical'), policy, minutes(2) - 1)).toBe(false);
    expect(shouldEscalate(incident('critical'), policy, minutes(2))).toBe(true);
    expect(shouldEscalate(incident('high'), policy, minutes(4.99))).toBe(false);
    expect(shouldEscalate(incident('high'), policy, minutes(5))).toBe(true);
  });

  it('never escalates low or medium incidents', () => {
    expect(escalationDueAt(incident('low'), policy)).toBeNull();
    expect(shouldEscalate(incident('medium'), policy, minutes(600))).toBe(false);
  });

  it('stops the clock once acknowledged or resolved', () => {
    expect(shouldEscalate(incident('critical', { status: 'acknowledged' }), policy, minutes(60))).toBe(false);
    expect(shouldEscalate(incident('critical', { status: 'resolved' }), policy, minutes(60))).toBe(false);
  });

  it('escalates once only', () => {
    expect(shouldEscalate(incident('critical', { escalatedAt: new Date(minutes(2)).toISOString() }), policy, minutes(10))).toBe(false);
  });

  it('lists the due incidents oldest first', () => {
    const older = incident('high', { id: 'older', createdAt: new Date(minutes(-10)).toISOString() });
    const newer = incident('critical', { id: 'newer' });
    const notYet = incident('high', { id: 'not-yet' });
    expect(dueForEscalation([newer, notYet, older], policy, minutes(3)).map((i) => i.id)).toEqual(['older', 'newer']);
  });

  it('uses the defaults when the venue says nothing', () => {
    expect(escalationPolicyOf({})).toEqual(DEFAULT_ESCALATION);
    expect(escalationPolicyOf({ escalation: policy })).toEqual(policy);
  });
});
