/** The longest edge and the size a photo is brought down to on the phone before it is kept and sent. */
export const PHOTO_MAX_EDGE = 1280;
export const PHOTO_TARGET_BYTES = 300 * 1024;

function toBlob(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encoding failed'))), 'image/jpeg', quality));
}

/**
 * A camera photo (often 3-8 MB) as a JPEG of at most PHOTO_TARGET_BYTES: scaled to PHOTO_MAX_EDGE,
 * then lower quality, then smaller, until it fits. The canvas does it all; EXIF orientation is applied
 * by createImageBitmap, and the metadata (location, device) is left behind.
 */
export async function downscalePhoto(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    let edge = Math.min(PHOTO_MAX_EDGE, Math.max(bitmap.width, bitmap.height));
    for (;;) {
      const scale = edge / Math.max(bitmap.width, bitmap.height);
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of [0.8, 0.65, 0.5]) {
        const blob = await toBlob(canvas, quality);
        if (blob.size <= PHOTO_TARGET_BYTES || edge <= 320) return blob;
      }
      edge = Math.round(edge * 0.75);
    }
  } finally {
    bitmap.close();
  }
}
