import { MAX_PHOTO_BYTES, type PhotoType } from '@fairwatch/protocol';

export type PhotoVerdict = { ok: true; type: PhotoType } | { ok: false; reason: 'too_large' | 'empty' | 'not_an_image' | 'truncated' | 'type_mismatch'; message: string };

const startsWith = (bytes: Uint8Array, prefix: number[], offset = 0) => prefix.every((byte, i) => bytes[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image type by its first bytes (never by what the client claims), or null. */
export function sniffImageType(bytes: Uint8Array): PhotoType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

function endMarkerNearEnd(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 2; i >= Math.max(2, bytes.length - 64); i--) if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  return false;
}

/**
 * Checks an uploaded photo: within the size limit, a JPEG, PNG or WebP by its content, of the type it
 * claims, and whole (a JPEG ends with its end-of-image marker, a PNG with its IEND chunk).
 */
export function checkPhoto(bytes: Uint8Array, claimedType: string | undefined): PhotoVerdict {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: 'the photo is empty' };
  if (bytes.length > MAX_PHOTO_BYTES) return { ok: false, reason: 'too_large', message: `the photo is larger than ${MAX_PHOTO_BYTES} bytes` };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, reason: 'not_an_image', message: 'the photo is not a JPEG, PNG or WebP image' };
  if (claimedType && claimedType !== type) return { ok: false, reason: 'type_mismatch', message: `the photo is ${type}, not ${claimedType}` };
  const end = bytes.subarray(-12);
  const whole =
    // Some cameras pad after the end-of-image marker: look for it near the end.
    type === 'image/jpeg' ? endMarkerNearEnd(bytes) :
    type === 'image/png' ? startsWith(end, ascii('IEND'), 4) :
    new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true) + 8 === bytes.length;
  if (!whole) return { ok: false, reason: 'truncated', message: `the ${type} image is truncated` };
  return { ok: true, type };
}
