import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/**
 * A one-frame Y4M video of a QR code, for Chromium's fake camera
 * (`--use-file-for-fake-video-capture`, which loops it): black modules on white, centred, 4:2:0 with
 * neutral chroma. The QR code is made by the same `qrcode` package the accounts CLI uses. `damage`
 * flips that share of the data modules (seeded; finder and timing patterns kept): a code the decoder
 * finds but cannot read, as a scratched or crumpled badge.
 */
export function writeQrVideo(path: string, text: string, damage = 0, width = 640, height = 480): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: damage ? 'L' : 'M' });
  const size = qr.modules.size;
  const quiet = 4;
  const scale = Math.floor((Math.min(width, height) * 0.8) / (size + 2 * quiet));
  const side = (size + 2 * quiet) * scale;
  const left = Math.floor((width - side) / 2);
  const top = Math.floor((height - side) / 2);
  const luma = Buffer.alloc(width * height, 235);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pattern = (row: number, column: number) => (row < 9 && (column < 9 || column >= size - 8)) || (row >= size - 8 && column < 9) || row === 6 || column === 6;
  for (let row = 0; row < size; row++) {
    for (let column = 0; column < size; column++) {
      let dark = qr.modules.get(row, column) === 1;
      if (damage && !pattern(row, column) && random() < damage) dark = !dark;
      if (!dark) continue;
      for (let y = 0; y < scale; y++) {
        const offset = (top + (row + quiet) * scale + y) * width + left + (column + quiet) * scale;
        luma.fill(16, offset, offset + scale);
      }
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`);
  writeFileSync(path, Buffer.concat([header, luma, chroma]));
}
