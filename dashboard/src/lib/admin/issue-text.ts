import { t, type MessageKey } from '../i18n/index.ts';
import type { VenueIssue } from './venue-issues.ts';

/** A venue problem in the user's language when its code is one of the shared checks', else as given. */
export function issueText(issue: Pick<VenueIssue, 'code' | 'message'>): string {
  const key = `admin.issue.${issue.code}`;
  return knownIssue(key) ? t(key) : issue.message;
}

const KNOWN = new Set<string>(['self_intersecting', 'stand_outside_zone', 'unknown_zone', 'zero_area', 'duplicate_id', 'too_small'].map((code) => `admin.issue.${code}`));

function knownIssue(key: string): key is MessageKey {
  return KNOWN.has(key);
}
