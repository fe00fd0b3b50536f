import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '@fairwatch/protocol';
import { checkPhoto, sniffImageType } from '../../src/domain/photo-check.ts';

/** A minimal byte sequence that looks like a whole JPEG (start marker … end marker). */
const tinyJpeg = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
};
const png = () => {
  const bytes = new Uint8Array(40);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  bytes.set([...'IEND'].map((c) => c.charCodeAt(0)), 40 - 8);
  return bytes;
};

describe('photo check', () => {
  it('recognises images by their content', () => {
    expect(sniffImageType(tinyJpeg())).toBe('image/jpeg');
    expect(sniffImageType(png())).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });

  it('accepts a whole JPEG and PNG of the type they claim', () => {
    expect(checkPhoto(tinyJpeg(), 'image/jpeg')).toEqual({ ok: true, type: 'image/jpeg' });
    expect(checkPhoto(png(), 'image/png')).toEqual({ ok: true, type: 'image/png' });
  });

  it('refuses empty, oversized, truncated, mislabelled and non-image bodies', () => {
    expect(checkPhoto(new Uint8Array(), 'image/jpeg')).toMatchObject({ ok: false, reason: 'empty' });
    expect(checkPhoto(tinyJpeg(MAX_PHOTO_BYTES + 1), 'image/jpeg')).toMatchObject({ ok: false, reason: 'too_large' });
    expect(checkPhoto(tinyJpeg().subarray(0, 40), 'image/jpeg')).toMatchObject({ ok: false, reason: 'truncated' });
    expect(checkPhoto(tinyJpeg(), 'image/png')).toMatchObject({ ok: false, reason: 'type_mismatch' });
    expect(checkPhoto(new TextEncoder().encode('GIF89a....'), 'image/jpeg')).toMatchObject({ ok: false, reason: 'not_an_image' });
  });
});
