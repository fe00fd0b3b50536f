import { z } from 'zod';
import { FreeText, Identifier, Instant, Point } from './primitives.ts';

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
  description: FreeText(2000),
  zone: Identifier.optional(),
  stand: Identifier.optional(),
  position: Point.optional(),
  /**
   * Extension: when the guard tapped "send" on the phone (the outbox keeps it while offline). The server
   * refuses one more than 5 minutes ahead of its clock (422 `clock_skew`) and flags one more than 24 h
   * old (`loggedAtOld`); history, waiting and response times count from it.
   */
  loggedAt: Instant.optional(),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

/** A step of the workflow: a status change, with an optional note and assignee. */
export const IncidentChange = z.object({
  status: z.enum(['acknowledged', 'resolved']),
  note: FreeText(2000).optional(),
  assignee: Identifier.optional(),
});
export type IncidentChange = z.infer<typeof IncidentChange>;

/**
 * What a history step records beyond a status change (an extension of the contract): a note, a
 * (re)assignment, a photo, an escalation. Status changes and the opening carry no kind.
 */
export const HISTORY_KINDS = ['note', 'assigned', 'photo', 'escalated', 'reopened'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const IncidentHistoryEntry = z.object({
  at: Instant,
  by: z.string(),
  /** The incident's status after this step. */
  status: IncidentStatus,
  note: z.string().optional(),
  kind: z.enum(HISTORY_KINDS).optional(),
  /** A note's id, made by the client so that a retried note is stored once. */
  noteId: z.string().optional(),
  /** The assignee after an `assigned` step; null when unassigned. */
  assignee: z.string().nullable().optional(),
});
export type IncidentHistoryEntry = z.infer<typeof IncidentHistoryEntry>;

/** Image types a photo may have, and the largest photo accepted (phones downscale well below it). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 512 * 1024;

/** What an incident says of its photo; the image itself is at `GET /api/v1/incidents/:id/photo`. */
export const IncidentPhoto = z.object({ type: z.enum(PHOTO_TYPES), bytes: z.int().positive(), sha256: z.string(), at: Instant, by: z.string() });
export type IncidentPhoto = z.infer<typeof IncidentPhoto>;

/** How far ahead of the server's clock a phone's `loggedAt` may be, and how old before it is flagged. */
export const MAX_LOGGED_AHEAD_MS = 5 * 60_000;
export const LOGGED_AT_OLD_MS = 24 * 3_600_000;

/** An incident as the server keeps and sends it. */
export const Incident = IncidentReport.extend({
  status: IncidentStatus,
  reportedBy: z.string(),
  assignee: Identifier.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  history: z.array(IncidentHistoryEntry),
  /** Extension: when an open high/critical incident went unacknowledged past the venue's escalation time. */
  escalatedAt: Instant.optional(),
  /** Extension: the photo taken on the phone, if any. */
  photo: IncidentPhoto.optional(),
  /**
   * Extension: in lists (`GET /api/v1/incidents`), how many older steps (notes, assignments, photos)
   * were left out of `history`; `GET /api/v1/incidents/:id` has them all. Absent when none were.
   */
  historyOmitted: z.int().min(1).optional(),
  /** Extension: `loggedAt` was more than 24 h before the server received it (a phone clock that is wrong, or a report kept that long). */
  loggedAtOld: z.literal(true).optional(),
});
export type Incident = z.infer<typeof Incident>;

/** `POST /api/v1/incidents/:id/reopen` (extension, operations and admin): a resolved incident back to open, with an optional reason. */
export const IncidentReopen = z.object({ note: FreeText(2000).optional() });
export type IncidentReopen = z.infer<typeof IncidentReopen>;

/** `POST /api/v1/incidents/:id/notes` (extension): a note with an id made by the client (a retry is harmless). */
export const IncidentNote = z.object({ id: z.guid(), text: FreeText(2000) });
export type IncidentNote = z.infer<typeof IncidentNote>;

/** `POST /api/v1/incidents/:id/assignment` (extension): who handles it; null unassigns. */
export const IncidentAssignment = z.object({ assignee: Identifier.nullable() });
export type IncidentAssignment = z.infer<typeof IncidentAssignment>;

/** A staff member incidents may be assigned to (`GET /api/v1/staff`, extension). */
export const StaffMember = z.object({ username: z.string(), role: z.string() });
export type StaffMember = z.infer<typeof StaffMember>;

/** Filters of `GET /api/v1/incidents`; all but `status` are extensions. */
export const IncidentQuery = z.object({
  status: IncidentStatus.optional(),
  severity: Severity.optional(),
  type: IncidentType.optional(),
  zone: Identifier.optional(),
  assignee: Identifier.optional(),
  /** Extension: at most this many incidents, newest first (default and most: MAX_INCIDENTS_LISTED). */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type IncidentQuery = z.infer<typeof IncidentQuery>;
/** Most incidents one `GET /api/v1/incidents` answers with. */
export const MAX_INCIDENTS_LISTED = 1000;
export const IncidentList = z.object({ incidents: z.array(Incident) });
