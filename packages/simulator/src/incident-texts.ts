import type { IncidentType } from '@fairwatch/protocol';

/**
 * What a guard types on a phone, in French or Arabic (the languages of the staff). `{place}` becomes
 * a stand id or a zone name, as a guard would say where it is.
 */
export const INCIDENT_TEXTS: Record<IncidentType, { fr: string[]; ar: string[] }> = {
  medical: {
    fr: ['Malaise d\'une visiteuse près de {place}', 'Personne âgée tombée à {place}, consciente', 'Visiteur déshydraté, assis près de {place}'],
    ar: ['شخص فاقد للوعي قرب {place}', 'سيدة مسنة سقطت قرب {place}', 'زائر يشعر بدوار قرب {place}'],
  },
  security: {
    fr: ['Vol à l\'étalage signalé au stand {place}', 'Dispute entre deux visiteurs à {place}', 'Sac abandonné près de {place}'],
    ar: ['سرقة منتوجات من رواق {place}', 'شجار بين زائرين قرب {place}', 'حقيبة مهجورة قرب {place}'],
  },
  fire: {
    fr: ['Odeur de brûlé près de {place}', 'Fumée sortant d\'une rallonge électrique à {place}'],
    ar: ['رائحة احتراق قرب {place}', 'دخان من سلك كهربائي قرب {place}'],
  },
  lost_person: {
    fr: ['Enfant perdu près de {place}', 'Une mère cherche son fils de 6 ans, vu pour la dernière fois à {place}', 'Personne âgée désorientée à {place}'],
    ar: ['طفل تائه قرب {place}', 'أم تبحث عن ابنتها قرب {place}', 'شخص مسن تائه قرب {place}'],
  },
  crowding: {
    fr: ['Forte affluence à {place}, la circulation est bloquée', 'Bousculade à l\'entrée de {place}', 'Trop de monde à {place}, il faut filtrer l\'accès'],
    ar: ['اكتظاظ كبير في {place}', 'تدافع عند مدخل {place}', 'الممر مسدود بسبب الازدحام قرب {place}'],
  },
  technical: {
    fr: ['Coupure de courant au stand {place}', 'Sonorisation en panne à {place}', 'Éclairage défectueux à {place}'],
    ar: ['انقطاع الكهرباء في رواق {place}', 'عطل في مكبر الصوت في {place}', 'إنارة معطلة في {place}'],
  },
  other: {
    fr: ['Exposant demande une assistance à {place}', 'Flaque d\'eau au sol près de {place}', 'Objet trouvé à {place}, remis au poste'],
    ar: ['عارض يطلب المساعدة في {place}', 'أرضية مبللة قرب {place}', 'العثور على هاتف قرب {place}'],
  },
};

/** Notes a guard leaves when closing an incident. */
export const RESOLUTION_NOTES = {
  fr: ['Situation réglée sur place', 'Pris en charge par la protection civile', 'Personne retrouvée et remise à sa famille', 'Réparé par le technicien', 'Zone dégagée, circulation rétablie'],
  ar: ['تمت معالجة الوضع في عين المكان', 'تم التكفل من طرف الوقاية المدنية', 'تم العثور على الشخص وتسليمه لعائلته', 'تم الإصلاح من طرف التقني', 'تم تفريغ المكان وعادت الحركة'],
};
