export { locale, t } from './locale.svelte.ts';
export { LANGUAGES, LANGUAGE_LABELS, type Language } from './languages.ts';
export type { MessageKey } from './en.ts';
export * from './format.ts';
