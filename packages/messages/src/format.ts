import { IntlMessageFormat } from 'intl-messageformat';
import { ar } from './catalog/ar.ts';
import { en, type Dictionary, type MessageKey } from './catalog/en.ts';
import { fr } from './catalog/fr.ts';
import { INTL_LOCALES, type Language } from './languages.ts';

export const CATALOG: Record<Language, Dictionary> = { ar, fr, en };

export type MessageParams = Record<string, string | number>;

const compiled = new Map<string, IntlMessageFormat>();

/**
 * The text of `key` in `language`: an ICU message (`{name}` parameters, `{count, plural, …}` with each
 * language's plural forms, six in Arabic), compiled once per language and key. Numbers given to a
 * plural are formatted in the language's locale (Western digits in Arabic, see languages.ts).
 */
export function formatMessage(language: Language, key: MessageKey, params?: MessageParams): string {
  const cacheKey = `${language}\n${key}`;
  let format = compiled.get(cacheKey);
  if (!format) compiled.set(cacheKey, (format = new IntlMessageFormat(CATALOG[language][key], INTL_LOCALES[language], undefined, { ignoreTag: true })));
  try {
    return String(format.format(params));
  } catch {
    // A parameter missing: show the message's source rather than nothing (a test catches the caller).
    return CATALOG[language][key];
  }
}
