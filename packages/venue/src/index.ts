export * from './schema.ts';
export * from './geometry.ts';
export { VenueError, parseVenue, loadVenueFile } from './load.ts';
export { checkVenue, crossCheckVenue, issuePath, selfIntersects, venueRuleIssues, type VenueIssue, type VenueIssueCode } from './checks.ts';
export * from './lookup.ts';
export { fesVenue } from './fes.ts';
export * from './crowd-flow.ts';
