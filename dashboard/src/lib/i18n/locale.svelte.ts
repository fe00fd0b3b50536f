import { formatMessage, INTL_LOCALES, isLanguage, preferredLanguage, type Language, type MessageKey, type MessageParams } from '@fairwatch/messages';

const STORAGE_KEY = 'fairwatch.language';

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  return preferredLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/** The language of the interface: one reactive value, remembered across visits, mirrored on `<html>`. */
class Locale {
  current = $state<Language>(initialLanguage());
  /** The `Intl` locale tag for the current language. */
  intl = $derived(INTL_LOCALES[this.current]);

  constructor() {
    this.#applyToDocument();
  }

  set(language: Language): void {
    this.current = language;
    localStorage.setItem(STORAGE_KEY, language);
    this.#applyToDocument();
  }

  // Direction and lang on <html> let the browser mirror the layout and pick Arabic shaping and fonts.
  #applyToDocument(): void {
    document.documentElement.lang = this.current;
    document.documentElement.dir = this.current === 'ar' ? 'rtl' : 'ltr';
  }
}

export const locale = new Locale();

/** The text of `key` in the current language; reactive wherever it is read in a template or effect. */
export function t(key: MessageKey, params?: MessageParams): string {
  return formatMessage(locale.current, key, params);
}
