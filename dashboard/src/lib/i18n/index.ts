export { locale, t } from './locale.svelte.ts';
export { LANGUAGES, LANGUAGE_LABELS, type Language, type MessageKey } from '@fairwatch/messages';
export * from './format.ts';
