import { describe, expect, it } from 'vitest';
import { INTL_LOCALES } from '@fairwatch/messages';
import { formatInteger, formatTime } from '../src/lib/i18n/format.ts';

describe('figures in the languages of the dashboard', () => {
  it('writes Arabic figures with latin digits', () => {
    const text = formatInteger(12345, INTL_LOCALES.ar);
    expect(text.replace(/\D/g, '')).toBe('12345');
    expect(formatTime('2022-10-15T17:05:00Z', INTL_LOCALES.ar, 'Africa/Casablanca')).toMatch(/18:05/);
  });
});
