import type { Alert } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { formatInteger, formatTime, locale, t } from '../i18n/index.ts';

/** Pre-alerts (inflow, programme) are about a level to come, not the zone's level now. */
export function isForecast(alert: Pick<Alert, 'kind'>): boolean {
  return alert.kind !== 'threshold';
}

/** Minutes from `nowMs` to the forecast, never below 0. */
export function minutesAhead(alert: Alert, nowMs: number): number {
  if (alert.kind === 'programme' && alert.programme) return Math.max(0, Math.ceil((Date.parse(alert.programme.start) - nowMs) / 60_000));
  // The server refreshes an inflow forecast with `alert:updated`: its figure is current.
  return Math.max(0, Math.round(alert.minutesToThreshold ?? 0));
}

/** "Crowded in 12 min", "Caftan Show at 18:00: Crowded expected": what a forecast says, in words. */
export function forecastText(alert: Alert, venue: Venue, nowMs: number, short = false): string {
  const level = t(`level.${alert.level}`);
  if (alert.kind === 'programme' && alert.programme) {
    const time = formatTime(alert.programme.start, locale.intl, venue.timezone);
    if (short) return t('ops.forecastSoon', { level, time });
    const title = venue.programme?.find((slot) => slot.id === alert.programme!.id)?.title[locale.current] ?? alert.programme.id;
    return t('ops.forecastProgramme', { title, time, level });
  }
  return t('ops.forecastInflow', { level, minutes: formatInteger(minutesAhead(alert, nowMs), locale.intl) });
}
