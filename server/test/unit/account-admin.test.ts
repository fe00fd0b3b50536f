import { describe, expect, it } from 'vitest';
import { tinyVenue } from '../support/tiny-venue.ts';
import type { UserAccount } from '../../src/auth/accounts-file.ts';
import { removesLastAdmin, sessionHandleOf } from '../../src/domain/account-admin.ts';
import { auditCsv, filterAudit } from '../../src/domain/audit-filter.ts';
import { occupiedRemovals, versionOfTag } from '../../src/domain/venue-versions.ts';
import type { AuditEntry } from '../../src/store/store.ts';

const user = (username: string, role: UserAccount['role'], disabled = false): UserAccount => ({ username, role, passwordHash: 'scrypt$x', disabled });

describe('the last enabled admin', () => {
  const users = [user('amina', 'admin'), user('karim', 'operations'), user('old', 'admin', true)];

  it('cannot be demoted, disabled or removed', () => {
    expect(removesLastAdmin(users, 'amina', { role: 'manager' })).toBe(true);
    expect(removesLastAdmin(users, 'amina', { disabled: true })).toBe(true);
    expect(removesLastAdmin(users, 'amina', { remove: true })).toBe(true);
  });

  it('may change otherwise, and others may go', () => {
    expect(removesLastAdmin(users, 'amina', { role: 'admin', disabled: false })).toBe(false);
    expect(removesLastAdmin(users, 'karim', { remove: true })).toBe(false);
    expect(removesLastAdmin(users, 'old', { remove: true })).toBe(false);
    expect(removesLastAdmin([...users, user('second', 'admin')], 'amina', { remove: true })).toBe(false);
  });
});

describe('session handles', () => {
  it('name a session stably without being its token digest', () => {
    expect(sessionHandleOf('digest-a')).toBe(sessionHandleOf('digest-a'));
    expect(sessionHandleOf('digest-a')).not.toBe(sessionHandleOf('digest-b'));
    expect(sessionHandleOf('digest-a')).not.toContain('digest-a');
  });
});

describe('audit filters', () => {
  const entries: AuditEntry[] = [
    { at: '2026-05-02T10:00:00.000Z', by: 'amina', action: 'incident.step', ip: '10.0.0.1', incident: 'i-1' },
    { at: '2026-05-02T09:00:00.000Z', by: 'karim', action: 'incident-photo', ip: '10.0.0.2' },
    { at: '2026-05-02T08:00:00.000Z', by: 'amina', action: 'signed-in', ip: '10.0.0.1', role: 'admin' },
  ];

  it('keeps who, an action prefix and a time range (both ends included), newest first, up to the limit', () => {
    expect(filterAudit(entries, { limit: 10, by: 'amina' }).map((e) => e.action)).toEqual(['incident.step', 'signed-in']);
    expect(filterAudit(entries, { limit: 10, action: 'incident' })).toHaveLength(2);
    expect(filterAudit(entries, { limit: 10, sinceMs: Date.parse('2026-05-02T09:00:00Z'), untilMs: Date.parse('2026-05-02T10:00:00Z') })).toHaveLength(2);
    expect(filterAudit(entries, { limit: 1 })).toEqual([entries[0]]);
  });

  it('writes CSV with a header row and the other fields as JSON', () => {
    const lines = auditCsv(entries.slice(0, 1)).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toEqual(['at,by,action,ip,details', '2026-05-02T10:00:00.000Z,amina,incident.step,10.0.0.1,"{""incident"":""i-1""}"']);
  });
});

describe('venue versions', () => {
  it('names the removed zones that hold people, and only those', () => {
    const after = { ...tinyVenue, zones: [tinyVenue.zones[1]!] };
    expect(occupiedRemovals(tinyVenue, after, { hall: 12, stage: 3 })).toEqual([expect.objectContaining({ path: 'zones', zone: 'hall', inside: 12 })]);
    expect(occupiedRemovals(tinyVenue, after, { hall: 0 })).toEqual([]);
    expect(occupiedRemovals(tinyVenue, tinyVenue, { hall: 12 })).toEqual([]);
  });

  it('reads the version of an ETag or If-Match', () => {
    expect(versionOfTag('"12"')).toBe(12);
    expect(versionOfTag('W/"3"')).toBe(3);
    expect(versionOfTag('7')).toBe(7);
    expect(versionOfTag('"abc"')).toBeNull();
  });
});
