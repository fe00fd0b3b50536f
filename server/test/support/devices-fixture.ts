import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a devices file (DEVICES_FILE) to a fresh temporary directory and returns its path. */
export function writeDevicesFile(devices: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-devices-'));
  const path = join(dir, 'devices.json');
  writeFileSync(path, JSON.stringify({ devices }, null, 2));
  return path;
}

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;
const EPOCH_MS = /\b16\d{11}\b/g;

/**
 * Moves every instant of a recorded sample (ISO times with a zone, and epoch milliseconds) by the
 * same amount, so that its latest instant is `agoMs` before now: the server dates and checks them
 * against its clock, and the recorded samples are from October 2022.
 */
export function asIfRecent(sample: string, agoMs = 60_000): string {
  const instants = [...(sample.match(ISO) ?? []).map(Date.parse), ...(sample.match(EPOCH_MS) ?? []).map(Number)];
  const delta = Date.now() - agoMs - Math.max(...instants);
  return sample.replace(ISO, (iso) => new Date(Date.parse(iso) + delta).toISOString()).replace(EPOCH_MS, (ms) => String(Number(ms) + delta));
}
