import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { CATALOG, formatMessage, INTL_LOCALES, LANGUAGES, preferredLanguage, type MessageKey } from '../src/index.ts';

/** The parameters a message takes, with the kind each is used as (`plural` or a plain value). */
function parametersOf(elements: MessageFormatElement[], found = new Map<string, string>()): Map<string, string> {
  for (const element of elements) {
    if (element.type === TYPE.argument || element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) found.set(element.value, 'value');
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.set(element.value, element.type === TYPE.plural ? 'plural' : 'select');
      for (const option of Object.values(element.options)) parametersOf(option.value, found);
    }
  }
  return found;
}

function pluralCategories(elements: MessageFormatElement[]): string[][] {
  return elements.flatMap((element) => (element.type === TYPE.plural ? [Object.keys(element.options)] : []));
}

const keys = Object.keys(CATALOG.en) as MessageKey[];

describe('the one catalog of messages (dashboard, operations, field phones, server exports)', () => {
  it('has every key in every language, and no other, none empty', () => {
    for (const language of LANGUAGES) {
      expect(Object.keys(CATALOG[language]).sort(), language).toEqual([...keys].sort());
      for (const key of keys) expect(CATALOG[language][key].trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('gives every language the same parameters as English, used the same way', () => {
    const mismatches: string[] = [];
    for (const key of keys) {
      const reference = [...parametersOf(parse(CATALOG.en[key]))].sort();
      for (const language of LANGUAGES) {
        const parameters = [...parametersOf(parse(CATALOG[language][key]))].sort();
        if (JSON.stringify(parameters) !== JSON.stringify(reference)) mismatches.push(`${language} ${key}: ${JSON.stringify(parameters)} ≠ en ${JSON.stringify(reference)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('writes every Arabic plural with its six forms, French and English with one and other (or an exact count)', () => {
    for (const key of keys) {
      for (const categories of pluralCategories(parse(CATALOG.ar[key]))) expect(categories, `ar ${key}`).toEqual(expect.arrayContaining(['zero', 'one', 'two', 'few', 'many', 'other']));
      for (const language of ['fr', 'en'] as const) {
        for (const categories of pluralCategories(parse(CATALOG[language][key]))) {
          expect(categories, `${language} ${key}`).toContain('other');
          expect(categories.some((category) => category === 'one' || category.startsWith('=')), `${language} ${key}`).toBe(true);
        }
      }
    }
  });

  it('picks the Arabic form by the count, with Western digits', () => {
    const waiting = (count: number) => formatMessage('ar', 'outbox.waiting', { count });
    expect(waiting(0)).toBe('لا شيء في انتظار الإرسال');
    expect(waiting(1)).toBe('بلاغ واحد في انتظار الإرسال');
    expect(waiting(2)).toBe('بلاغان في انتظار الإرسال');
    expect(waiting(3)).toBe('3 بلاغات في انتظار الإرسال');
    expect(waiting(11)).toBe('11 بلاغًا في انتظار الإرسال');
    expect(waiting(100)).toBe('100 بلاغ في انتظار الإرسال');
    expect(formatMessage('fr', 'devices.troubled', { count: 1 })).toBe('1 porte silencieuse');
    expect(formatMessage('fr', 'devices.troubled', { count: 1234 })).toBe(`${new Intl.NumberFormat(INTL_LOCALES.fr).format(1234)} portes silencieuses`);
    expect(formatMessage('en', 'flow.kpi.closed', { count: 2 })).toBe('2 gates closed');
  });

  it('fills plain parameters and keeps apostrophes', () => {
    expect(formatMessage('fr', 'signIn.username')).toBe("Nom d'utilisateur");
    expect(formatMessage('en', 'header.signedInAs', { role: 'Operations' })).toBe('Signed in as Operations');
  });

  it('picks the browser language when we have it, French otherwise', () => {
    expect(preferredLanguage(['ar-MA', 'fr'])).toBe('ar');
    expect(preferredLanguage(['de-DE', 'en-US'])).toBe('en');
    expect(preferredLanguage(['de-DE'])).toBe('fr');
  });
});
