import type { IncidentStatus, IncidentType, Severity } from './incidents.ts';

/**
 * Attendance figures and reports for managers (extension of the contract): `GET /api/v1/reports/live`,
 * `GET /api/v1/reports/days`, `GET /api/v1/reports/daily/:day` and `GET /api/v1/reports/stands/:stand`
 * (roles manager and admin; `?format=csv&lang=ar|fr|en` for a CSV). Days are `YYYY-MM-DD` in the
 * venue's time zone; arrays `...ByHour` have 24 items, one per local hour.
 */

/** The estimated average visit, by Little's law over the day (see the server's domain/visit-length.ts). */
export interface VisitLengthFigure {
  /** Minutes; null before anyone came in. */
  minutes: number | null;
  /** Average number of people inside over the hours the floor was not empty. */
  averageInside: number;
  /** True while people are still inside: visits in progress count only their time so far (a lower bound). */
  provisional: boolean;
}

export interface StandFigure {
  stand: string;
  zone: string;
  checkins: number;
}

export interface PoleFigure {
  zone: string;
  occupancy: number;
  /** Share of everyone inside, 0 to 1. */
  share: number;
  capacity: number;
  level: 'normal' | 'busy' | 'crowded' | 'critical';
}

export interface DayComparisonFigure {
  day: string;
  /** Entries that day up to the same local time as now. */
  entriesByNow: number;
  entriesTotal: number;
  /** (today - that day) / that day at the same time; null when that day had no entries by then. */
  change: number | null;
}

export interface ComparisonFigures {
  /** Local time of day compared at, in minutes after midnight. */
  minuteOfDay: number;
  entriesByNow: number;
  earlier: DayComparisonFigure[];
  hourly: { today: number[]; yesterday: number[] | null; yesterdayDay: string };
}

/** `GET /api/v1/reports/live`. */
export interface ManagerFigures {
  at: string;
  day: string;
  timezone: string;
  totals: { inside: number; entriesToday: number; exitsToday: number; peakInside: number; peakAt: string | null };
  /** Distinct badges scanned at stands today (Redis: HyperLogLog, about ±1 %). */
  uniqueVisitors: number;
  checkinsToday: number;
  visitLength: VisitLengthFigure;
  poles: PoleFigure[];
  /** Top 10 by check-ins today, and in the last 15 minutes (stands with none left out). */
  busiestToday: StandFigure[];
  busiestLast15m: StandFigure[];
  /** Stands without a single check-in today. */
  idleStands: Array<{ stand: string; zone: string }>;
  checkinsByHour: number[];
  entriesByHour: number[];
  comparisons: ComparisonFigures;
}

/** `GET /api/v1/reports/days`: the days with figures, oldest first. */
export interface ReportDays {
  today: string;
  timezone: string;
  days: Array<{ day: string; entries: number; checkins: number }>;
}

export interface IncidentSummary {
  total: number;
  unresolved: number;
  byType: Record<IncidentType, number>;
  bySeverity: Record<Severity, number>;
  /** Medians in ms, from each incident's history; null when no incident reached that step. */
  medianAcknowledgeMs: number | null;
  medianResolveMs: number | null;
  responseBySeverity: Array<{ severity: Severity; count: number; medianAcknowledgeMs: number | null; medianResolveMs: number | null }>;
}

/** `GET /api/v1/reports/daily/:day`. */
export interface DailyReport {
  day: string;
  timezone: string;
  generatedAt: string;
  /** False for today (and later): the figures still grow. */
  complete: boolean;
  totals: {
    entries: number; exits: number; checkins: number; uniqueVisitors: number; peakInside: number | null; peakAt: string | null;
    /** True when the day was reported late (no live peak): the peak is the highest hourly occupancy rebuilt from its flows, `peakAt` the end of that hour. */
    peakEstimated: boolean;
  };
  visitLength: VisitLengthFigure;
  hours: Array<{ hour: number; entries: number; exits: number; checkins: number; peakInside: number | null }>;
  /** `overCapacity`: the pole's peak went above its safe capacity (flagged on paper and in the CSV). */
  poles: Array<{ zone: string; peakOccupancy: number; capacity: number; overCapacity: boolean; checkins: number; stands: number; activeStands: number }>;
  topStands: StandFigure[];
  incidents: IncidentSummary;
  /** The day's incidents by the time the phone logged them, oldest first (at most 500; `incidentLogTruncated` says when more). */
  incidentLog: IncidentLogEntry[];
  incidentLogTruncated: boolean;
}

/** One incident of the daily report's log. */
export interface IncidentLogEntry {
  id: string;
  /** When the phone logged it (`loggedAt`, else when the server received it). */
  loggedAt: string;
  type: IncidentType;
  severity: Severity;
  status: IncidentStatus;
  zone: string | null;
  stand: string | null;
  reportedBy: string;
  assignee: string | null;
  toAcknowledgeMs: number | null;
  toResolveMs: number | null;
  description: string;
}

/** `GET /api/v1/reports/stands/:stand`: check-ins per local hour on each day of the fair. */
export interface StandReport {
  stand: string;
  zone: string;
  total: number;
  days: Array<{ day: string; total: number; byHour: number[] }>;
}
