import { CATALOG, formatMessage, type MessageKey } from '@fairwatch/messages';
import { INCIDENT_STATUSES, INCIDENT_TYPES, SEVERITIES } from '@fairwatch/protocol';
import { COMMA_DIALECT, SEMICOLON_DIALECT, type CsvDialect } from './csv.ts';

/** The languages of the reports, as in the dashboard. */
export const REPORT_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export function reportLanguageOf(value: unknown): ReportLanguage {
  return REPORT_LANGUAGES.includes(value as ReportLanguage) ? (value as ReportLanguage) : 'en';
}

/** The CSV dialect of each language's spreadsheet (see csv.ts): `;` and a decimal comma in French and Arabic. */
export const CSV_DIALECTS: Record<ReportLanguage, CsvDialect> = { en: COMMA_DIALECT, fr: SEMICOLON_DIALECT, ar: SEMICOLON_DIALECT };

/*
 * Column and row names come from the one catalog the screens use (@fairwatch/messages: `export.*`,
 * and the incident types, severities and statuses as the dashboard names them); durations in CSVs
 * are h:mm:ss, which spreadsheets read as durations.
 */
const EXPORT_PREFIX = 'export.';
type ExportKey = Extract<MessageKey, `${typeof EXPORT_PREFIX}${string}`>;
/** Labels the screens show too: one text for both, under the screens' key. */
const SHARED = {
  entries: 'rep.entries', exits: 'rep.exits', checkins: 'rep.checkins', peakInside: 'rep.peak', uniqueVisitors: 'mgr.unique',
  pole: 'mgr.pole', peakOccupancy: 'rep.peakOccupancy', capacity: 'rep.capacity', activeStands: 'rep.activeStands',
} as const satisfies Record<string, MessageKey>;
type Labels = { [K in ExportKey as K extends `${typeof EXPORT_PREFIX}${infer Name}` ? Name : never]: string } & Record<keyof typeof SHARED, string>;

function exportLabels(language: ReportLanguage): Labels {
  const labels: Record<string, string> = {};
  for (const key of Object.keys(CATALOG[language]) as MessageKey[]) {
    if (key.startsWith(EXPORT_PREFIX)) labels[key.slice(EXPORT_PREFIX.length)] = formatMessage(language, key);
  }
  for (const [name, key] of Object.entries(SHARED)) labels[name] = formatMessage(language, key);
  return labels as Labels;
}

function labelsOf<T extends string>(values: readonly T[], prefix: string): Record<ReportLanguage, Record<T, string>> {
  const of = (language: ReportLanguage) => Object.fromEntries(values.map((value) => [value, formatMessage(language, `${prefix}${value}` as MessageKey)])) as Record<T, string>;
  return { en: of('en'), fr: of('fr'), ar: of('ar') };
}

export const LABELS: Record<ReportLanguage, Labels> = { en: exportLabels('en'), fr: exportLabels('fr'), ar: exportLabels('ar') };
export const TYPE_LABELS = labelsOf(INCIDENT_TYPES, 'incidentType.');
export const SEVERITY_LABELS = labelsOf(SEVERITIES, 'severity.');
export const STATUS_LABELS = labelsOf(INCIDENT_STATUSES, 'status.');
