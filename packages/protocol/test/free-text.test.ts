import { describe, expect, it } from 'vitest';
import { FreeText, withoutBidiControls } from '../src/index.ts';

// Issue 14: U+202E in a description reversed what every other screen showed of it.
describe('text people type and others read', () => {
  const controls = [...'\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069'];

  it('loses every bidirectional embedding, override and isolate control, and nothing else', () => {
    for (const control of controls) expect(withoutBidiControls(`Sac ${control}eniluos${control} B12`), `U+${control.codePointAt(0)!.toString(16)}`).toBe('Sac eniluos B12');
    // Arabic, French, the direction marks (they reorder nothing) and other format characters stay.
    expect(withoutBidiControls('حقيبة متروكة — sac oublié \u200F\u200E\u200D')).toBe('حقيبة متروكة — sac oublié \u200F\u200E\u200D');
  });

  it('is checked after the controls are gone: nothing but controls is empty, and the limit counts what stays', () => {
    expect(FreeText(10).safeParse(controls.join('')).success).toBe(false);
    expect(FreeText(10).parse(`${'\u202E'.repeat(50)}0123456789`)).toBe('0123456789');
  });
});
