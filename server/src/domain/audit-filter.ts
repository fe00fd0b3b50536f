import type { AuditEntry } from '../store/store.ts';
import { csvDocument } from '../reports/csv.ts';

/** What an admin filters the audit log by (issue 16). */
export interface AuditFilter {
  limit: number;
  /** Exactly this user. */
  by?: string;
  /** An action or its prefix: `incident` matches `incident-photo` and `incident.step`. */
  action?: string;
  /** Instants (ms), both included. */
  sinceMs?: number;
  untilMs?: number;
}

/** The entries (newest first) that pass the filter, at most `limit`. */
export function filterAudit(entries: readonly AuditEntry[], filter: AuditFilter): AuditEntry[] {
  const passed: AuditEntry[] = [];
  for (const entry of entries) {
    if (passed.length >= filter.limit) break;
    if (filter.by !== undefined && entry.by !== filter.by) continue;
    if (filter.action !== undefined && !entry.action.startsWith(filter.action)) continue;
    const atMs = Date.parse(entry.at);
    if (filter.sinceMs !== undefined && !(atMs >= filter.sinceMs)) continue;
    if (filter.untilMs !== undefined && !(atMs <= filter.untilMs)) continue;
    passed.push(entry);
  }
  return passed;
}

/** The entries as CSV: at, by, action, ip, and the other fields as one JSON object. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  return csvDocument([
    ['at', 'by', 'action', 'ip', 'details'],
    ...entries.map(({ at, by, action, ip, ...details }) => [at, by, action, ip ?? '', Object.keys(details).length ? JSON.stringify(details) : '']),
  ]);
}
