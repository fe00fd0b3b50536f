import sharp from 'sharp';
import type { PhotoType } from '@fairwatch/protocol';

// One image at a time per call: photos are small and rare, the event loop's other work matters more.
sharp.concurrency(1);

/** The largest picture decoded (a 512 KB PNG can claim gigapixels: a decompression bomb). */
export const MAX_PHOTO_PIXELS = 24_000_000;

export type ReencodeOutcome = { ok: true; data: Buffer } | { ok: false; message: string };

/**
 * Decodes the whole image and encodes it anew in its own type: only pixels survive. Whatever else
 * the file carried (an HTML or script payload in a comment segment or after the end marker, a
 * polyglot, EXIF with the phone's GPS position) is gone, and a file that does not decode as the
 * image it claims to be is refused. The orientation the camera recorded is applied first.
 */
export async function reencodePhoto(data: Buffer, type: PhotoType): Promise<ReencodeOutcome> {
  try {
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).rotate();
    const encoded =
      type === 'image/jpeg' ? image.jpeg({ quality: 85 }) :
      type === 'image/png' ? image.png({ compressionLevel: 9 }) :
      image.webp({ quality: 85 });
    return { ok: true, data: await encoded.toBuffer() };
  } catch (error) {
    return { ok: false, message: `the photo does not decode as a ${type.slice('image/'.length).toUpperCase()} image (${error instanceof Error ? error.message : 'unreadable'})` };
  }
}
