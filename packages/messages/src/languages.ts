export const LANGUAGES = ['ar', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Names shown on the language buttons, each in its own language so that anyone finds theirs. */
export const LANGUAGE_LABELS: Record<Language, string> = { ar: 'العربية', fr: 'Français', en: 'English' };

/**
 * Locales for `Intl`. Moroccan Arabic with latin digits: the control room reads Western digits
 * (and the browser tests read ASCII digits from the figures).
 */
export const INTL_LOCALES: Record<Language, string> = { ar: 'ar-MA-u-nu-latn', fr: 'fr-MA', en: 'en-GB' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the browser's preferred languages that we have, French otherwise (the venue's working language). */
export function preferredLanguage(browserLanguages: readonly string[]): Language {
  for (const tag of browserLanguages) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'fr';
}
