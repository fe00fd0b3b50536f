import { describe, expect, it } from 'vitest';
import { DICTIONARIES, INTL_LOCALES, LANGUAGES, interpolate, preferredLanguage } from '../src/lib/i18n/languages.ts';
import { formatInteger, formatTime } from '../src/lib/i18n/format.ts';

describe('languages', () => {
  it('picks the browser language when we have it, French otherwise', () => {
    expect(preferredLanguage(['ar-MA', 'fr'])).toBe('ar');
    expect(preferredLanguage(['de-DE', 'en-US'])).toBe('en');
    expect(preferredLanguage(['de-DE'])).toBe('fr');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('at {time} ({x})', { time: '10:00' })).toBe('at 10:00 ({x})');
  });

  it('has no empty text in any language', () => {
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(DICTIONARIES[language])) expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('writes Arabic figures with latin digits', () => {
    const text = formatInteger(12345, INTL_LOCALES.ar);
    expect(text.replace(/\D/g, '')).toBe('12345');
    expect(formatTime('2022-10-15T17:05:00Z', INTL_LOCALES.ar, 'Africa/Casablanca')).toMatch(/18:05/);
  });
});
