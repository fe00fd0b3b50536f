import type { Alert, ZoneFigures } from '@fairwatch/protocol';
import type { Zone } from '@fairwatch/venue';
import { driftShareOf } from '../domain/device-health.ts';
import { alertKey, newAlert } from '../domain/zone-alerts.ts';
import type { Store } from '../store/store.ts';

/**
 * Raises a `drift` alert when the counters missed the persons actually in a zone (a head count, or
 * nobody at the closing reset) by more than `share` of its capacity; otherwise ends the zone's drift
 * alert, since the figure was just put right. One active drift alert per zone: a new finding replaces it.
 */
export async function reportDrift(
  store: Store,
  zone: Pick<Zone, 'id' | 'capacity'>,
  reading: { counted: number; actual: number; source: 'recount' | 'closing' },
  share: number,
  figures: ZoneFigures | undefined,
  nowMs: number,
): Promise<Alert | null> {
  const key = `drift:${zone.id}`;
  const active = (await store.listAlerts()).find((alert) => alert.clearedAt === null && alertKey(alert) === key);
  if (active) await store.replaceAlert(active, { ...active, clearedAt: new Date(nowMs).toISOString() }, nowMs, key);
  const found = driftShareOf(reading.counted, reading.actual, zone.capacity);
  if (found <= share) return null;
  const alert = newAlert({ kind: 'drift', zone: zone.id, level: figures?.level ?? 'normal', drift: { ...reading, share: Math.round(found * 1000) / 1000 } }, figures, nowMs);
  const outcome = await store.raiseAlert(alert, key, nowMs);
  return outcome.raised ? alert : outcome.existing;
}
