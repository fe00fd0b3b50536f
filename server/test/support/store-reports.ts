import type { Alert } from '@fairwatch/protocol';
import type { PreparedCount } from '../../src/domain/floor-counters.ts';
import type { PreparedCheckin } from '../../src/store/store.ts';

/** Reports, contexts and alerts as the stores take them, for the repositories' contract suites (tiny-venue's lines). */
export const DAY = '2022-10-15';
export const NOW = Date.parse('2022-10-15T16:00:00.000Z');
export const context = (offsetMs = 0) => ({ nowMs: NOW + offsetMs, nowIso: new Date(NOW + offsetMs).toISOString(), today: DAY });

export const door = { from: null, to: 'hall' };
export const toStage = { from: 'hall', to: 'stage' };
let n = 0;
export const count = (line: PreparedCount['line'], inCount: number, outCount: number, id = `c${n++}`): PreparedCount => ({
  id, gate: line.to === 'stage' ? 'hall-stage' : 'door', line, in: inCount, out: outCount, at: '2022-10-15T15:59:00.000Z', atMs: NOW - 60_000, day: DAY,
});
/** A running-totals report of a device on the door. */
export const totals = (device: string, inTotal: number, outTotal: number, atMs: number): PreparedCount => ({
  id: `t${n++}`, gate: 'door', line: door, device, in: inTotal, out: outTotal, at: new Date(atMs).toISOString(), atMs, day: DAY,
});
export const checkin = (stand: string, atMs: number, id = `k${n++}`): PreparedCheckin => ({
  id, stand, badge: 'V-1', at: new Date(atMs).toISOString(), atMs, day: DAY,
});
export const alert = (id: string, zone = 'hall'): Alert => ({
  id, kind: 'threshold', zone, level: 'busy', raisedAt: new Date(NOW).toISOString(), occupancy: 120, density: 1.2, uncertain: false,
  clearedAt: null, acknowledgedBy: null, acknowledgedAt: null,
});
