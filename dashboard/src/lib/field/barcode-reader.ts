/**
 * Reads QR codes from camera frames: the browser's BarcodeDetector where it has QR codes (Android
 * Chrome, Safari 17+), otherwise zxing-wasm, bundled with the app. Its default loader fetches the
 * WebAssembly file from a CDN: `locateFile` points it at the copy Vite bundles into /assets, so the
 * scanner works offline and under the server's Content-Security-Policy (`'wasm-unsafe-eval'`).
 */
export type FrameReading = { kind: 'text'; text: string } | { kind: 'unreadable' };

export interface FrameReader {
  readonly engine: 'BarcodeDetector' | 'zxing-wasm';
  /** What the frame shows: decoded codes, damaged ones, or nothing. */
  read(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<FrameReading[]>;
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

async function nativeReader(): Promise<FrameReader | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
  } catch {
    return null;
  }
  const detector = new Detector({ formats: ['qr_code'] });
  return {
    engine: 'BarcodeDetector',
    read: async (video) => (await detector.detect(video)).map((code) => ({ kind: 'text', text: code.rawValue })),
  };
}

async function zxingReader(): Promise<FrameReader> {
  const [{ prepareZXingModule, readBarcodes }, { default: wasmUrl }] = await Promise.all([
    import('zxing-wasm/reader'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ]);
  prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) }, fireImmediately: true });
  return {
    engine: 'zxing-wasm',
    async read(video, canvas) {
      const width = video.videoWidth;
      const height = video.videoHeight;
      if (!width || !height) return [];
      canvas.width = width;
      canvas.height = height;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) return [];
      context.drawImage(video, 0, 0, width, height);
      const results = await readBarcodes(context.getImageData(0, 0, width, height), { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 1, returnErrors: true });
      return results.map((result) => (result.isValid ? { kind: 'text', text: result.text } : { kind: 'unreadable' }));
    },
  };
}

let reader: Promise<FrameReader> | undefined;

/** The reader for this browser, made once. */
export function frameReader(): Promise<FrameReader> {
  reader ??= nativeReader().then((native) => native ?? zxingReader());
  return reader;
}
