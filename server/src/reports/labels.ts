import type { IncidentType, Severity } from '@fairwatch/protocol';

/** The languages of the reports, as in the dashboard. */
export const REPORT_LANGUAGES = ['en', 'fr', 'ar'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

export function reportLanguageOf(value: unknown): ReportLanguage {
  return REPORT_LANGUAGES.includes(value as ReportLanguage) ? (value as ReportLanguage) : 'en';
}

const en = {
  dailyTitle: 'Daily attendance report', standTitle: 'Stand report: check-ins per hour', day: 'Day', timezone: 'Time zone',
  generatedAt: 'Generated at', complete: 'Complete day', yes: 'yes', no: 'no (the day is not over)',
  summary: 'Summary', figure: 'Figure', value: 'Value', entries: 'Entries', exits: 'Exits', checkins: 'Check-ins',
  uniqueVisitors: 'Unique visitors (badges)', peakInside: 'Peak inside', peakAt: 'Peak at', visitMinutes: 'Estimated average visit (min)',
  averageInside: 'Average inside', hour: 'Hour', pole: 'Pole', peakOccupancy: 'Peak occupancy', capacity: 'Safe capacity',
  stands: 'Stands', activeStands: 'Stands with check-ins', rank: 'Rank', stand: 'Stand', topStands: 'Top stands',
  incidents: 'Incidents', type: 'Type', severity: 'Severity', count: 'Count', unresolved: 'Not resolved',
  responseTimes: 'Response times', toAcknowledge: 'Median to acknowledge (min)', toResolve: 'Median to resolve (min)', all: 'All',
  total: 'Total', peakEstimated: 'Peak rebuilt from hourly flows (day reported late)',
  // Crowd safety (issue 18)
  crowdSafety: 'Crowd safety', worstTimeToClear: 'Worst time to clear, whole floor (min)', worstTimeAt: 'At', slowestZone: 'Slowest zone then', worstGateFlow: 'Worst gate flow (persons/m/min)', gate: 'Gate', levelOfService: 'Level of service', evacuationTarget: 'Evacuation target (min)',
};
type Labels = typeof en;

const fr: Labels = {
  dailyTitle: 'Rapport de fréquentation du jour', standTitle: 'Rapport de stand : passages par heure', day: 'Jour', timezone: 'Fuseau horaire',
  generatedAt: 'Établi le', complete: 'Journée complète', yes: 'oui', no: 'non (la journée n’est pas finie)',
  summary: 'Synthèse', figure: 'Indicateur', value: 'Valeur', entries: 'Entrées', exits: 'Sorties', checkins: 'Passages aux stands',
  uniqueVisitors: 'Visiteurs uniques (badges)', peakInside: 'Pic de présence', peakAt: 'Heure du pic', visitMinutes: 'Durée moyenne de visite estimée (min)',
  averageInside: 'Présence moyenne', hour: 'Heure', pole: 'Pôle', peakOccupancy: 'Occupation maximale', capacity: 'Capacité sûre',
  stands: 'Stands', activeStands: 'Stands avec passages', rank: 'Rang', stand: 'Stand', topStands: 'Stands les plus visités',
  incidents: 'Incidents', type: 'Type', severity: 'Gravité', count: 'Nombre', unresolved: 'Non résolus',
  responseTimes: 'Délais de réponse', toAcknowledge: 'Délai médian de prise en charge (min)', toResolve: 'Délai médian de résolution (min)', all: 'Tous',
  total: 'Total', peakEstimated: 'Pic reconstitué à partir des flux horaires (journée transmise en retard)',
  // Crowd safety (issue 18)
  crowdSafety: 'Sécurité des foules', worstTimeToClear: "Pire temps d'évacuation, tout le plateau (min)", worstTimeAt: 'À', slowestZone: 'Zone la plus lente alors', worstGateFlow: 'Pire flux à une porte (pers./m/min)', gate: 'Porte', levelOfService: 'Niveau de service', evacuationTarget: "Objectif d'évacuation (min)",
};

const ar: Labels = {
  dailyTitle: 'تقرير الحضور اليومي', standTitle: 'تقرير الجناح: التسجيلات في كل ساعة', day: 'اليوم', timezone: 'المنطقة الزمنية',
  generatedAt: 'أُعدّ في', complete: 'يوم كامل', yes: 'نعم', no: 'لا (اليوم لم ينته)',
  summary: 'ملخص', figure: 'المؤشر', value: 'القيمة', entries: 'الدخول', exits: 'الخروج', checkins: 'التسجيلات في الأجنحة',
  uniqueVisitors: 'الزوار الفريدون (الشارات)', peakInside: 'ذروة الحضور', peakAt: 'وقت الذروة', visitMinutes: 'متوسط مدة الزيارة المقدّر (دقيقة)',
  averageInside: 'متوسط الحضور', hour: 'الساعة', pole: 'القطب', peakOccupancy: 'أقصى إشغال', capacity: 'السعة الآمنة',
  stands: 'الأجنحة', activeStands: 'أجنحة بها تسجيلات', rank: 'الترتيب', stand: 'الجناح', topStands: 'الأجنحة الأكثر زيارة',
  incidents: 'الحوادث', type: 'النوع', severity: 'الخطورة', count: 'العدد', unresolved: 'غير محلولة',
  responseTimes: 'أوقات الاستجابة', toAcknowledge: 'الوسيط حتى التكفل (دقيقة)', toResolve: 'الوسيط حتى الحل (دقيقة)', all: 'الكل',
  total: 'المجموع', peakEstimated: 'ذروة مُعاد بناؤها من التدفقات الساعية (يوم أُرسل متأخرًا)',
  // Crowd safety (issue 18)
  crowdSafety: 'سلامة الحشود', worstTimeToClear: 'أسوأ زمن إخلاء، كامل الفضاء (د)', worstTimeAt: 'في', slowestZone: 'أبطأ منطقة حينها', worstGateFlow: 'أسوأ تدفق عند بوابة (شخص/م/د)', gate: 'البوابة', levelOfService: 'مستوى الخدمة', evacuationTarget: 'هدف الإخلاء (د)',
};

export const LABELS: Record<ReportLanguage, Labels> = { en, fr, ar };

export const TYPE_LABELS: Record<ReportLanguage, Record<IncidentType, string>> = {
  en: { medical: 'Medical', security: 'Security', fire: 'Fire', lost_person: 'Lost person', crowding: 'Crowding', technical: 'Technical', other: 'Other' },
  fr: { medical: 'Médical', security: 'Sécurité', fire: 'Incendie', lost_person: 'Personne perdue', crowding: 'Affluence', technical: 'Technique', other: 'Autre' },
  ar: { medical: 'طبي', security: 'أمني', fire: 'حريق', lost_person: 'شخص مفقود', crowding: 'اكتظاظ', technical: 'تقني', other: 'آخر' },
};

export const SEVERITY_LABELS: Record<ReportLanguage, Record<Severity, string>> = {
  en: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  fr: { low: 'Faible', medium: 'Moyenne', high: 'Élevée', critical: 'Critique' },
  ar: { low: 'منخفضة', medium: 'متوسطة', high: 'مرتفعة', critical: 'حرجة' },
};
