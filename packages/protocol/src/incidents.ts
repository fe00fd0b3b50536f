import { z } from 'zod';
import { Identifier, Instant, Point } from './primitives.ts';

export const INCIDENT_TYPES = ['medical', 'security', 'fire', 'lost_person', 'crowding', 'technical', 'other'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

export const IncidentType = z.enum(INCIDENT_TYPES);
export const Severity = z.enum(SEVERITIES);
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentType = z.infer<typeof IncidentType>;
export type Severity = z.infer<typeof Severity>;
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** What a phone sends to report an incident; the id is made on the phone so that a retry is harmless. */
export const IncidentReport = z.object({
  id: z.guid(),
  type: IncidentType,
  severity: Severity,
  description: z.string().trim().min(1).max(2000),
  zone: Identifier.optional(),
  stand: Identifier.optional(),
  position: Point.optional(),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

/** A step of the workflow: a status change, with an optional note and assignee. */
export const IncidentChange = z.object({
  status: z.enum(['acknowledged', 'resolved']),
  note: z.string().trim().min(1).max(2000).optional(),
  assignee: Identifier.optional(),
});
export type IncidentChange = z.infer<typeof IncidentChange>;

export const IncidentHistoryEntry = z.object({
  at: Instant,
  by: z.string(),
  status: IncidentStatus,
  note: z.string().optional(),
});
export type IncidentHistoryEntry = z.infer<typeof IncidentHistoryEntry>;

/** An incident as the server keeps and sends it. */
export const Incident = IncidentReport.extend({
  status: IncidentStatus,
  reportedBy: z.string(),
  assignee: Identifier.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  history: z.array(IncidentHistoryEntry),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentQuery = z.object({ status: IncidentStatus.optional() });
export const IncidentList = z.object({ incidents: z.array(Incident) });
