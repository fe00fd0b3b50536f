import { ar } from './ar.ts';
import { en, type Dictionary } from './en.ts';
import { fr } from './fr.ts';

export const LANGUAGES = ['ar', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DICTIONARIES: Record<Language, Dictionary> = { ar, fr, en };

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

/** `{name}` placeholders replaced by the given values; unknown placeholders are left visible. */
export function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
