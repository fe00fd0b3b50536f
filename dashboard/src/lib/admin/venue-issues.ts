import { checkVenue, issuePath as pathText, type VenueIssue } from '@fairwatch/venue';
import '../zod-config.ts';

export type { VenueIssue };

/** Every problem of a draft venue: the very checks a publish runs on the server (@fairwatch/venue). */
export function venueIssues(draft: unknown): VenueIssue[] {
  return checkVenue(draft);
}

/** `zones.2.polygon` */
export function issuePath(issue: Pick<VenueIssue, 'path'>): string {
  return pathText(issue.path);
}
