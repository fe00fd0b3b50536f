import type { LocalizedText } from '../src/schema.ts';

// The names of the Fes 2022 venue in Arabic, French and English. Kept apart from the layout so that a
// translator can review them in one place. Product lines are typical of the Fes-Meknes region's
// cooperatives; which cooperative had which stand is not public, so the stands cycle through them.

export const VENUE_NAME: LocalizedText = {
  ar: 'المعرض الجهوي للاقتصاد الاجتماعي والتضامني، الدورة الثالثة',
  fr: "Salon régional de l'économie sociale et solidaire, 3e édition",
  en: 'Regional Fair of the Social and Solidarity Economy, 3rd edition',
};

export const ZONE_NAMES = {
  'entrance-plaza': { ar: 'ساحة المدخل', fr: "Parvis d'entrée", en: 'Entrance plaza' },
  'central-promenade': { ar: 'الممر المركزي', fr: 'Promenade centrale', en: 'Central promenade' },
  'products-pole': { ar: 'قطب المنتوجات', fr: 'Pôle des produits', en: 'Products pole' },
  'international-pole': { ar: 'قطب التعاون الدولي', fr: 'Pôle de la coopération internationale', en: 'International cooperation pole' },
  'institutional-pole': { ar: 'القطب المؤسساتي', fr: 'Pôle institutionnel', en: 'Institutional pole' },
  'caftan-stage': { ar: 'منصة عرض القفطان', fr: 'Scène du Caftan Show', en: 'Caftan Show stage' },
  'seminar-space': { ar: 'فضاء الندوات', fr: 'Espace des séminaires', en: 'Seminar space' },
  services: { ar: 'الإسعافات الأولية والمرافق الصحية', fr: 'Premiers secours et sanitaires', en: 'First aid and facilities' },
} satisfies Record<string, LocalizedText>;

export type FesZoneId = keyof typeof ZONE_NAMES;

/** Names of the two entrances (counting lines from outside). */
export const ENTRANCE_NAMES = {
  'main-gate': { ar: 'المدخل الرئيسي', fr: 'Entrée principale', en: 'Main gate' },
  'second-gate': { ar: 'المدخل الثاني (الغربي)', fr: 'Deuxième entrée (ouest)', en: 'Second gate (west)' },
} satisfies Record<string, LocalizedText>;

export const PLAZA_TO_PROMENADE_NAME: LocalizedText = {
  ar: 'المعبر من ساحة المدخل إلى الممر المركزي',
  fr: 'Passage du parvis à la promenade centrale',
  en: 'Passage from the entrance plaza to the central promenade',
};

/** "Entrance of <zone>", for the counting line between the promenade and a pole, stage or space. */
export const ZONE_ENTRANCE_NAMES = {
  'products-pole': { ar: 'مدخل قطب المنتوجات', fr: 'Entrée du pôle des produits', en: 'Products pole entrance' },
  'international-pole': {
    ar: 'مدخل قطب التعاون الدولي',
    fr: 'Entrée du pôle de la coopération internationale',
    en: 'International cooperation pole entrance',
  },
  'institutional-pole': { ar: 'مدخل القطب المؤسساتي', fr: 'Entrée du pôle institutionnel', en: 'Institutional pole entrance' },
  'caftan-stage': { ar: 'مدخل منصة عرض القفطان', fr: 'Entrée de la scène du Caftan Show', en: 'Caftan Show stage entrance' },
  'seminar-space': { ar: 'مدخل فضاء الندوات', fr: "Entrée de l'espace des séminaires", en: 'Seminar space entrance' },
  services: {
    ar: 'مدخل الإسعافات الأولية والمرافق الصحية',
    fr: 'Entrée des premiers secours et sanitaires',
    en: 'First aid and facilities entrance',
  },
} satisfies Partial<Record<FesZoneId, LocalizedText>>;

/** What a cooperative of the products pole shows; a stand's name is "Stand P-001 · <this>". */
export const PRODUCT_LINES: readonly LocalizedText[] = [
  { ar: 'تعاونية زيت الزيتون', fr: "Coopérative d'huile d'olive", en: 'Olive oil cooperative' },
  { ar: 'تعاونية إنتاج العسل', fr: 'Coopérative de miel', en: 'Honey cooperative' },
  { ar: 'تعاونية زرابي الأطلس المتوسط', fr: 'Coopérative de tapis du Moyen Atlas', en: 'Middle Atlas carpet cooperative' },
  { ar: 'تعاونية الصناعة الجلدية بفاس', fr: 'Coopérative de maroquinerie de Fès', en: 'Fes leather goods cooperative' },
  { ar: 'تعاونية الخزف الفاسي', fr: 'Coopérative de poterie de Fès', en: 'Fes pottery cooperative' },
  { ar: 'تعاونية الزليج التقليدي', fr: 'Coopérative de zellige', en: 'Zellige tilework cooperative' },
  { ar: 'تعاونية الطرز الفاسي', fr: 'Coopérative de broderie de Fès', en: 'Fes embroidery cooperative' },
  { ar: 'تعاونية التمور', fr: 'Coopérative de dattes', en: 'Date cooperative' },
  { ar: 'تعاونية الكسكس والعجائن التقليدية', fr: 'Coopérative de couscous et pâtes traditionnelles', en: 'Couscous and traditional pasta cooperative' },
  { ar: 'تعاونية النباتات العطرية والطبية', fr: 'Coopérative de plantes aromatiques et médicinales', en: 'Aromatic and medicinal plants cooperative' },
  { ar: 'تعاونية مستحضرات التجميل الطبيعية', fr: 'Coopérative de cosmétiques naturels', en: 'Natural cosmetics cooperative' },
  { ar: 'تعاونية خياطة القفطان', fr: 'Coopérative de couture de caftans', en: 'Caftan tailoring cooperative' },
  { ar: 'تعاونية زيت الأركان', fr: "Coopérative d'huile d'argan", en: 'Argan oil cooperative' },
  { ar: 'تعاونية الصناعة النحاسية', fr: 'Coopérative de dinanderie', en: 'Copperware cooperative' },
  { ar: 'تعاونية النجارة بخشب الأرز', fr: 'Coopérative de menuiserie en bois de cèdre', en: 'Cedar woodwork cooperative' },
  { ar: 'تعاونية التين المجفف', fr: 'Coopérative de figues sèches', en: 'Dried fig cooperative' },
  { ar: 'تعاونية مربى الكرز بصفرو', fr: 'Coopérative de confiture de cerises de Sefrou', en: 'Sefrou cherry jam cooperative' },
  { ar: 'تعاونية جبن الماعز', fr: 'Coopérative de fromage de chèvre', en: 'Goat cheese cooperative' },
  { ar: 'تعاونية منتوجات الدوم', fr: 'Coopérative de vannerie en doum', en: 'Doum palm basketry cooperative' },
  { ar: 'تعاونية الصابون البلدي', fr: 'Coopérative de savon beldi', en: 'Traditional black soap cooperative' },
  { ar: 'تعاونية اللوز وأملو', fr: "Coopérative d'amandes et d'amlou", en: 'Almond and amlou cooperative' },
  { ar: 'تعاونية منتوجات الخروب', fr: 'Coopérative de produits du caroubier', en: 'Carob products cooperative' },
  { ar: 'تعاونية نسيج الصبرة', fr: 'Coopérative de tissage de sabra', en: 'Sabra (cactus silk) weaving cooperative' },
  { ar: 'تعاونية الحلي الفضية', fr: 'Coopérative de bijoux en argent', en: 'Silver jewellery cooperative' },
  { ar: 'تعاونية الحلويات التقليدية', fr: 'Coopérative de pâtisserie traditionnelle', en: 'Traditional pastry cooperative' },
  { ar: 'تعاونية زيتون المائدة', fr: "Coopérative d'olives de table", en: 'Table olive cooperative' },
  { ar: 'تعاونية البلغة التقليدية', fr: 'Coopérative de babouches', en: 'Babouche slipper cooperative' },
  { ar: 'تعاونية التكفيت المكناسي', fr: 'Coopérative de damasquinerie de Meknès', en: 'Meknes damascene cooperative' },
];

/** The guest delegations of the international cooperation pole, as EVENT.md lists them. */
export const DELEGATIONS: ReadonlyArray<{ id: string; name: LocalizedText }> = [
  {
    id: 'INT-CORSICA',
    name: {
      ar: 'جناح جهة كورسيكا (فرنسا) · البحث والخبرة',
      fr: 'Pavillon de la Corse (France) · recherche et expertise',
      en: 'Pavilion of Corsica (France) · research and expertise',
    },
  },
  {
    id: 'INT-PALESTINE',
    name: {
      ar: 'جناح فلسطين · الخبرات الفلسطينية',
      fr: 'Pavillon de la Palestine · savoir-faire palestinien',
      en: 'Pavilion of Palestine · Palestinian know-how',
    },
  },
  {
    id: 'INT-UAE',
    name: {
      ar: 'جناح الإمارات العربية المتحدة · الخبرات الإماراتية',
      fr: 'Pavillon des Émirats arabes unis · savoir-faire émirien',
      en: 'Pavilion of the United Arab Emirates · Emirati know-how',
    },
  },
  {
    id: 'INT-SENEGAL',
    name: {
      ar: 'جناح السنغال · الفاعلون السنغاليون في الاقتصاد الاجتماعي والتضامني',
      fr: "Pavillon du Sénégal · acteurs sénégalais de l'économie sociale et solidaire",
      en: 'Pavilion of Senegal · Senegalese social and solidarity economy actors',
    },
  },
];

/** Who exhibits in the institutional pole: the organisers and the categories EVENT.md names. */
export const INSTITUTIONS: readonly LocalizedText[] = [
  {
    ar: 'وزارة السياحة والصناعة التقليدية والاقتصاد الاجتماعي والتضامني',
    fr: "Ministère du Tourisme, de l'Artisanat et de l'Économie sociale et solidaire",
    en: 'Ministry of Tourism, Handicrafts and the Social and Solidarity Economy',
  },
  { ar: 'جهة فاس-مكناس', fr: 'Région Fès-Meknès', en: 'Fes-Meknes Region' },
  {
    ar: 'التجارب الوطنية في الاقتصاد الاجتماعي والتضامني',
    fr: "Expériences nationales de l'économie sociale et solidaire",
    en: 'National experiences of the social and solidarity economy',
  },
  { ar: 'برامج الدعم الجهوية', fr: "Programmes régionaux d'appui", en: 'Regional support programmes' },
  { ar: 'برامج الدعم الإقليمية', fr: "Programmes provinciaux d'appui", en: 'Provincial support programmes' },
  { ar: 'جمعيات المجتمع المدني', fr: 'Associations de la société civile', en: 'Civil society organisations' },
  { ar: 'القطاع الخاص', fr: 'Secteur privé', en: 'Private sector' },
  { ar: 'مواكبة التعاونيات وتكوينها', fr: 'Accompagnement et formation des coopératives', en: 'Support and training for cooperatives' },
];

export const THRESHOLDS_SOURCE =
  "Fruin's pedestrian levels of service (Pedestrian Planning and Design, 1971) and the UK Green Guide " +
  '(Guide to Safety at Sports Grounds, 6th edition, 2018): about 2 persons/m² is a planning figure for a ' +
  'crowd, and from about 4 persons/m² a standing crowd becomes unstable. Floors people walk through ' +
  '(exhibit, circulation, seminar, service zones) turn busy at 1.0, crowded at 2.0 and critical at 3.5 ' +
  'persons/m²; the standing audience of the stage at 2.0, 3.0 and 4.0. Densities are per m² of the whole ' +
  'zone, stands included.';
