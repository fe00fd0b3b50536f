import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { sniffImageType } from '../domain/photo-check.ts';

/** The largest floor-plan upload (bytes) and picture (pixels) taken: an organiser's plan, not a bomb. */
export const MAX_PLAN_BYTES = 15 * 1024 * 1024;
export const MAX_PLAN_PIXELS = 60_000_000;
export const PLAN_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export type PlanOutcome =
  | { ok: true; image: string; type: string; data: Buffer; widthPx: number; heightPx: number }
  | { ok: false; reason: 'unsupported_image' | 'too_large' | 'invalid_image'; message: string };

/**
 * Checks an uploaded plan by its bytes (never by the claimed type alone), its pixel count, and decodes
 * and encodes it anew in its own type so that only pixels are stored (as incident photos are). The
 * image is then named by the sha256 of what is stored.
 */
export async function preparePlanImage(data: Buffer, claimedType: string): Promise<PlanOutcome> {
  const type = sniffImageType(data);
  if (!type) return { ok: false, reason: 'unsupported_image', message: 'the plan is not a PNG, JPEG or WebP image' };
  if (type !== claimedType) return { ok: false, reason: 'unsupported_image', message: `the plan is ${type}, not ${claimedType}` };
  try {
    const metadata = await sharp(data, { failOn: 'error', limitInputPixels: false }).metadata();
    const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
    if (pixels > MAX_PLAN_PIXELS) return { ok: false, reason: 'too_large', message: `the plan has ${Math.round(pixels / 1e6)} megapixels; at most ${MAX_PLAN_PIXELS / 1e6} are taken` };
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_PLAN_PIXELS }).rotate();
    const encoded = type === 'image/jpeg' ? image.jpeg({ quality: 85 }) : type === 'image/png' ? image.png({ compressionLevel: 9 }) : image.webp({ quality: 85 });
    const { data: output, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { ok: true, image: createHash('sha256').update(output).digest('hex'), type, data: output, widthPx: info.width, heightPx: info.height };
  } catch (error) {
    return { ok: false, reason: 'invalid_image', message: `the plan does not decode as a ${type.slice('image/'.length).toUpperCase()} image (${error instanceof Error ? error.message : 'unreadable'})` };
  }
}
