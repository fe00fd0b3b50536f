export { CATALOG, formatMessage, type MessageParams } from './format.ts';
export { INTL_LOCALES, LANGUAGES, LANGUAGE_LABELS, isLanguage, preferredLanguage, type Language } from './languages.ts';
export type { Dictionary, MessageKey } from './catalog/en.ts';
