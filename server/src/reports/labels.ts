import type { IncidentStatus, IncidentType, Severity } from '@fairwatch/protocol';
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
 * Column and row names. Those the screens also show are written as the dashboard writes them
 * (server/test/unit/report-labels.test.ts holds both to the same words); durations in CSVs are
 * h:mm:ss, which spreadsheets read as durations.
 */
const en = {
  dailyTitle: 'Daily attendance report', standTitle: 'Stand report: check-ins per hour', day: 'Day', timezone: 'Time zone',
  generatedAt: 'Generated at', complete: 'Complete day', yes: 'yes', no: 'no (the day is not over)',
  summary: 'Summary', figure: 'Figure', value: 'Value', entries: 'Entries', exits: 'Exits', checkins: 'Stand check-ins',
  uniqueVisitors: 'Unique visitors', peakInside: 'Peak inside', peakAt: 'Peak at', visitMinutes: 'Average visit (estimate) (min)',
  averageInside: 'Average inside', hour: 'Hour', pole: 'Pole', peakOccupancy: 'Peak occupancy', capacity: 'Safe capacity',
  overCapacity: 'Over capacity', stands: 'Stands', activeStands: 'Active stands', rank: 'Rank', stand: 'Stand', topStands: 'Top stands',
  incidents: 'Incidents', type: 'Type', severity: 'Severity', count: 'Count', unresolved: 'Not resolved',
  responseTimes: 'Response times', toAcknowledge: 'Median to acknowledge (h:mm:ss)', toResolve: 'Median to resolve (h:mm:ss)', all: 'All',
  total: 'Total', peakEstimated: 'Peak rebuilt from hourly flows (day reported late)',
  loggedAt: 'Logged', status: 'Status', place: 'Place', reportedBy: 'Reported by', assignee: 'Assigned to',
  timeToAcknowledge: 'Time to acknowledge (h:mm:ss)', timeToResolve: 'Time to resolve (h:mm:ss)', description: 'Description', id: 'Id',
};
type Labels = typeof en;

const fr: Labels = {
  dailyTitle: 'Rapport de fréquentation du jour', standTitle: 'Rapport de stand : passages par heure', day: 'Jour', timezone: 'Fuseau horaire',
  generatedAt: 'Établi le', complete: 'Journée complète', yes: 'oui', no: 'non (la journée n’est pas finie)',
  summary: 'Synthèse', figure: 'Indicateur', value: 'Valeur', entries: 'Entrées', exits: 'Sorties', checkins: 'Passages aux stands',
  uniqueVisitors: 'Visiteurs uniques', peakInside: 'Pic de présence', peakAt: 'Heure du pic', visitMinutes: 'Durée moyenne de visite (estimation) (min)',
  averageInside: 'Présence moyenne', hour: 'Heure', pole: 'Pôle', peakOccupancy: 'Occupation maximale', capacity: 'Capacité sûre',
  overCapacity: 'Au-delà de la capacité', stands: 'Stands', activeStands: 'Stands actifs', rank: 'Rang', stand: 'Stand', topStands: 'Stands les plus visités',
  incidents: 'Incidents', type: 'Type', severity: 'Gravité', count: 'Nombre', unresolved: 'Non résolus',
  responseTimes: 'Délais de réponse', toAcknowledge: 'Délai médian de prise en charge (h:mm:ss)', toResolve: 'Délai médian de résolution (h:mm:ss)', all: 'Tous',
  total: 'Total', peakEstimated: 'Pic reconstitué à partir des flux horaires (journée transmise en retard)',
  loggedAt: 'Signalé', status: 'Statut', place: 'Lieu', reportedBy: 'Signalé par', assignee: 'Confié à',
  timeToAcknowledge: 'Délai de prise en charge (h:mm:ss)', timeToResolve: 'Délai de résolution (h:mm:ss)', description: 'Description', id: 'Identifiant',
};

const ar: Labels = {
  dailyTitle: 'تقرير الحضور اليومي', standTitle: 'تقرير الجناح: التسجيلات في كل ساعة', day: 'اليوم', timezone: 'المنطقة الزمنية',
  generatedAt: 'أُعدّ في', complete: 'يوم كامل', yes: 'نعم', no: 'لا (اليوم لم ينته)',
  summary: 'ملخص', figure: 'المؤشر', value: 'القيمة', entries: 'الدخول', exits: 'الخروج', checkins: 'التسجيلات في الأجنحة',
  uniqueVisitors: 'الزوار الفريدون', peakInside: 'ذروة الحضور', peakAt: 'وقت الذروة', visitMinutes: 'متوسط مدة الزيارة (تقدير) (دقيقة)',
  averageInside: 'متوسط الحضور', hour: 'الساعة', pole: 'القطب', peakOccupancy: 'أقصى إشغال', capacity: 'السعة الآمنة',
  overCapacity: 'فوق السعة', stands: 'الأجنحة', activeStands: 'أجنحة نشطة', rank: 'الترتيب', stand: 'الجناح', topStands: 'الأجنحة الأكثر زيارة',
  incidents: 'الحوادث', type: 'النوع', severity: 'الخطورة', count: 'العدد', unresolved: 'غير محلولة',
  responseTimes: 'أوقات الاستجابة', toAcknowledge: 'الوسيط حتى التكفل (س:د:ث)', toResolve: 'الوسيط حتى الحل (س:د:ث)', all: 'الكل',
  total: 'المجموع', peakEstimated: 'ذروة مُعاد بناؤها من التدفقات الساعية (يوم أُرسل متأخرًا)',
  loggedAt: 'وقت التسجيل', status: 'الحالة', place: 'المكان', reportedBy: 'أبلغ عنه', assignee: 'أُسند إلى',
  timeToAcknowledge: 'المدة حتى التكفل (س:د:ث)', timeToResolve: 'المدة حتى الحل (س:د:ث)', description: 'الوصف', id: 'المعرّف',
};

export const LABELS: Record<ReportLanguage, Labels> = { en, fr, ar };

export const TYPE_LABELS: Record<ReportLanguage, Record<IncidentType, string>> = {
  en: { medical: 'Medical', security: 'Security', fire: 'Fire', lost_person: 'Lost person', crowding: 'Crowding', technical: 'Technical', other: 'Other' },
  fr: { medical: 'Médical', security: 'Sécurité', fire: 'Incendie', lost_person: 'Personne égarée', crowding: 'Affluence', technical: 'Technique', other: 'Autre' },
  ar: { medical: 'طبي', security: 'أمني', fire: 'حريق', lost_person: 'شخص مفقود', crowding: 'اكتظاظ', technical: 'عطل تقني', other: 'أخرى' },
};

export const SEVERITY_LABELS: Record<ReportLanguage, Record<Severity, string>> = {
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  fr: { low: 'Faible', medium: 'Moyenne', high: 'Élevée', critical: 'Critique' },
  ar: { low: 'منخفضة', medium: 'متوسطة', high: 'مرتفعة', critical: 'حرجة' },
};

export const STATUS_LABELS: Record<ReportLanguage, Record<IncidentStatus, string>> = {
  en: { open: 'Open', acknowledged: 'In progress', resolved: 'Resolved' },
  fr: { open: 'Ouvert', acknowledged: 'Pris en charge', resolved: 'Résolu' },
  ar: { open: 'مفتوح', acknowledged: 'قيد المعالجة', resolved: 'تمّت المعالجة' },
};
