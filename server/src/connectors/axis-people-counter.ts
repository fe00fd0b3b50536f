import { countOf, objectOf, PayloadError, textOf, type VendorPayload } from './vendor-payload.ts';

/**
 * AXIS People Counter (the camera application), polled: `GET /local/tvpc/.api?live-sum.json` answers
 * today's running totals, `{ serial, name, timestamp: "YYYYMMDDhhmmss", in, out }`, the time in the
 * camera's local time without a zone (AXIS People Counter API, "live-sum.json"). The totals restart
 * at local midnight (the store takes a drop as a restart). The camera stands at the venue, so its local
 * time is read in the venue's time zone (`toInstant`).
 */
export function parseAxisLiveSum(body: unknown, toInstant: (local: LocalDateTime) => number): VendorPayload {
  const root = objectOf(body, '(body)');
  const serial = root.serial === undefined ? undefined : textOf(root.serial, 'serial');
  const local = localDateTimeOf(root.timestamp, 'timestamp');
  const atMs = toInstant(local);
  const inTotal = countOf(root.in, 'in');
  const outTotal = countOf(root.out, 'out');
  // One counter, one line: the devices file names it (default "0").
  return { serial, deviceTimeMs: atMs, readings: [{ line: '0', form: 'totals', in: inTotal, out: outTotal, atMs, key: `totals:${local.text}:${inTotal}:${outTotal}` }] };
}

export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  text: string;
}

/** `20221015103000` or `2022-10-15T10:30:00` (a wall-clock time with no zone). */
export function localDateTimeOf(value: unknown, path: string): LocalDateTime {
  const text = typeof value === 'string' ? value.trim() : '';
  const match = /^(\d{4})-?(\d\d)-?(\d\d)[T ]?(\d\d):?(\d\d):?(\d\d)$/.exec(text);
  if (!match) throw new PayloadError('a local time YYYYMMDDhhmmss is expected', path);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) throw new PayloadError('not a valid date and time', path);
  return { year, month, day, hour, minute, second, text };
}
