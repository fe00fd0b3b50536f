import { CROWD_FLOW_LIMITS, GATE_WIDTH_LIMITS } from '@fairwatch/venue';
import { locale, t, type MessageKey } from '../i18n/index.ts';
import type { VenueIssue } from './venue-issues.ts';

/**
 * A venue problem in the user's language: a bounded setting (crowd flow, a gate's width) says its range
 * whatever rule it broke; a code of the shared checks has its text; anything else as the checks gave it.
 */
export function issueText(issue: Pick<VenueIssue, 'code' | 'message'> & Partial<Pick<VenueIssue, 'path'>>): string {
  const range = rangeText(issue.path ?? [], issue.code);
  if (range) return range;
  const key = `admin.issue.${issue.code}`;
  return knownIssue(key) ? t(key) : issue.message;
}

/** `crowdFlow.<field>` or `gates.N.widthM` out of its bounds, in words (the gate wider than the floor has its own text). */
function rangeText(path: ReadonlyArray<string | number>, code: string): string | undefined {
  const number = (value: number) => new Intl.NumberFormat(locale.intl, { maximumFractionDigits: 1 }).format(value);
  const [first, second, third] = path;
  if (first === 'crowdFlow' && path.length === 2) {
    if (second === 'gateFlowAlertLevel') return t('admin.issue.range.gateFlowAlertLevel');
    if (second === 'exitFlowRate' || second === 'evacuationTargetMinutes' || second === 'gateFlowAlertMinutes') {
      const { min, max } = CROWD_FLOW_LIMITS[second];
      return t(`admin.issue.range.${second}`, { min: number(min), max: number(max) });
    }
  }
  if (first === 'gates' && third === 'widthM' && path.length === 3 && code !== 'gate_too_wide') {
    return t('admin.issue.range.widthM', { min: number(GATE_WIDTH_LIMITS.min), max: number(GATE_WIDTH_LIMITS.max) });
  }
  return undefined;
}

const KNOWN = new Set<string>(['self_intersecting', 'stand_outside_zone', 'unknown_zone', 'zero_area', 'duplicate_id', 'too_small', 'gate_too_wide'].map((code) => `admin.issue.${code}`));

function knownIssue(key: string): key is MessageKey {
  return KNOWN.has(key);
}
