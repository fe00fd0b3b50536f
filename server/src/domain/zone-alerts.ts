import { DENSITY_LEVELS, type Alert, type DensityLevel, type ZoneFigures } from '@fairwatch/protocol';
import type { ProgrammeSlot, Thresholds, Zone } from '@fairwatch/venue';
import { addDays, localTimeToInstant } from '@fairwatch/venue/venue-time';

/**
 * Crowd-safety alerts, as pure rules: threshold crossings with hysteresis, the 15-minute pre-alert from
 * the net inflow, and pre-alerts before the crowd pullers of the venue's programme. The alert watch
 * (live/alert-watch.ts) applies them to the live figures and keeps the alerts in the store.
 */

/** A threshold alert clears only once the density is this fraction below `busy`: no flapping. */
export const CLEAR_MARGIN = 0.15;
/** The pre-alert horizon: net inflow that reaches `crowded` within it raises an `inflow` alert. */
export const PRE_ALERT_MINUTES = 15;
/** An inflow alert clears once the forecast is beyond this (hysteresis on time). */
export const PRE_ALERT_CLEAR_MINUTES = 20;
/** Net inflow is measured over this window. */
export const INFLOW_WINDOW_MS = 5 * 60_000;
/** Default lead time of a programme pre-alert. */
export const DEFAULT_PROGRAMME_LEAD_MINUTES = 30;

const rank = (level: DensityLevel) => DENSITY_LEVELS.indexOf(level);

/** The highest level whose threshold the density reaches (the contract's level rule). */
function reached(density: number, thresholds: Thresholds): DensityLevel {
  if (density >= thresholds.critical) return 'critical';
  if (density >= thresholds.crowded) return 'crowded';
  if (density >= thresholds.busy) return 'busy';
  return 'normal';
}

export type ThresholdStep = { action: 'raise'; level: DensityLevel } | { action: 'clear' } | null;

/**
 * What the zone's threshold alert should do. `active` is the level of the zone's active threshold
 * alert (null: none). A higher level raises a new alert at once; the alert clears only when the
 * density falls below `busy × (1 - CLEAR_MARGIN)`. A zone hovering at a threshold therefore raises
 * once, and going down then up again within the band raises nothing new.
 */
export function thresholdStep(active: DensityLevel | null, density: number, thresholds: Thresholds, margin = CLEAR_MARGIN): ThresholdStep {
  const level = reached(density, thresholds);
  if (level !== 'normal' && (active === null || rank(level) > rank(active))) return { action: 'raise', level };
  if (active !== null && density < thresholds.busy * (1 - margin)) return { action: 'clear' };
  return null;
}

export interface OccupancySample {
  atMs: number;
  occupancy: number;
}

export interface InflowForecast {
  /** Net persons per minute into the zone (negative: emptying). */
  netPerMinute: number;
  /** Minutes until the zone reaches `crowded` at that rate; null when it will not (or already did). */
  minutesToCrowded: number | null;
}

/**
 * The zone's net inflow over the last INFLOW_WINDOW_MS (least squares over the samples, so one noisy
 * report does not swing it) and the time it would take to reach `crowded`. Null with under a minute
 * of samples.
 */
export function inflowForecast(samples: readonly OccupancySample[], zone: Pick<Zone, 'areaM2' | 'thresholds'>, nowMs: number, windowMs = INFLOW_WINDOW_MS): InflowForecast | null {
  const recent = samples.filter((sample) => sample.atMs > nowMs - windowMs && sample.atMs <= nowMs);
  if (recent.length < 2 || recent.at(-1)!.atMs - recent[0]!.atMs < 60_000) return null;
  const meanT = recent.reduce((sum, s) => sum + s.atMs, 0) / recent.length;
  const meanO = recent.reduce((sum, s) => sum + s.occupancy, 0) / recent.length;
  let num = 0;
  let den = 0;
  for (const s of recent) {
    num += (s.atMs - meanT) * (s.occupancy - meanO);
    den += (s.atMs - meanT) ** 2;
  }
  const netPerMinute = den === 0 ? 0 : (num / den) * 60_000;
  const current = recent.at(-1)!.occupancy;
  const crowdedAt = zone.thresholds.crowded * zone.areaM2;
  const minutesToCrowded = current >= crowdedAt || netPerMinute <= 0 ? null : (crowdedAt - current) / netPerMinute;
  return { netPerMinute: Math.round(netPerMinute * 10) / 10, minutesToCrowded: minutesToCrowded === null ? null : Math.round(minutesToCrowded * 10) / 10 };
}

/** Whether the zone's inflow alert should be raised or cleared (hysteresis on the forecast time). */
export function inflowStep(active: boolean, forecast: InflowForecast | null, level: DensityLevel): 'raise' | 'clear' | null {
  const minutes = forecast?.minutesToCrowded ?? null;
  // Once the zone is crowded the threshold alert speaks for it.
  if (rank(level) >= rank('crowded')) return active ? 'clear' : null;
  if (!active && minutes !== null && minutes <= PRE_ALERT_MINUTES) return 'raise';
  if (active && (minutes === null || minutes > PRE_ALERT_CLEAR_MINUTES)) return 'clear';
  return null;
}

export interface DueSlot {
  slot: ProgrammeSlot;
  /** The venue day of this occurrence. */
  day: string;
  startMs: number;
  endMs: number;
}

/**
 * Programme slots whose pre-alert window is open at `nowMs`: from `leadMinutes` before the start to its
 * end. `day` is the venue day of `nowMs`; the slots of the day before (a show running past midnight) and
 * of the day after (a show just after midnight, its lead time before it) count too.
 */
export function programmeSlotsDue(programme: readonly ProgrammeSlot[], day: string, timeZone: string, nowMs: number): DueSlot[] {
  const due: DueSlot[] = [];
  for (const slotDay of [addDays(day, -1), day, addDays(day, 1)]) {
    for (const slot of programme) {
      if (slot.days && !slot.days.includes(slotDay)) continue;
      const startMs = localTimeToInstant(slotDay, slot.start, timeZone);
      const endMs = startMs + slot.minutes * 60_000;
      const leadMs = (slot.leadMinutes ?? DEFAULT_PROGRAMME_LEAD_MINUTES) * 60_000;
      if (nowMs >= startMs - leadMs && nowMs < endMs) due.push({ slot, day: slotDay, startMs, endMs });
    }
  }
  return due;
}

/** The level a zone would reach with the slot's expected audience on top of who is there. */
export function expectedLevel(zone: Pick<Zone, 'areaM2' | 'thresholds'>, occupancy: number, expected: number | undefined): DensityLevel {
  if (expected === undefined) return 'busy';
  const level = reached((occupancy + expected) / zone.areaM2, zone.thresholds);
  return level === 'normal' ? 'busy' : level;
}

/** The key under which the store keeps an alert's condition active: one active alert per key. */
export function alertKey(alert: Pick<Alert, 'kind' | 'zone' | 'programme' | 'gate'>): string {
  if (alert.kind === 'gate-flow') return `gate-flow:${alert.gate ?? ''}`;
  if (alert.kind === 'programme') return `programme:${alert.programme?.id ?? ''}:${alert.programme?.start ?? ''}`;
  if (alert.kind === 'gate_silent') return `gate_silent:${alert.gate ?? ''}`;
  return `${alert.kind}:${alert.zone}`;
}

/** What a change of an alert means for the dashboards: the event to send. */
export function alertChangeOf(before: Alert | null, after: Alert): 'raised' | 'acknowledged' | 'cleared' | 'updated' {
  if (!before) return 'raised';
  if (after.clearedAt && !before.clearedAt) return 'cleared';
  if (after.acknowledgedAt && !before.acknowledgedAt) return 'acknowledged';
  return 'updated';
}

/** A new alert about a zone, from its figures now. */
export function newAlert(
  fields: Pick<Alert, 'kind' | 'zone' | 'level'> & Partial<Pick<Alert, 'minutesToThreshold' | 'netInflowPerMinute' | 'programme' | 'gate' | 'drift' | 'levelOfService' | 'flowPerMetreMinute'>>,
  figures: ZoneFigures | undefined,
  nowMs: number,
): Alert {
  const suffix = fields.programme ? fields.programme.id : (fields.gate ?? fields.zone);
  return {
    id: `${fields.kind}-${suffix}-${nowMs.toString(36)}`,
    ...fields,
    raisedAt: new Date(nowMs).toISOString(),
    occupancy: figures?.occupancy ?? 0,
    density: figures?.density ?? 0,
    uncertain: figures?.uncertain ?? false,
    clearedAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
  };
}

export type AckOutcome = { kind: 'changed'; alert: Alert } | { kind: 'unchanged'; alert: Alert };

/** Acknowledging is idempotent: the first acknowledgement (who, when) stays. */
export function acknowledge(alert: Alert, by: string, atIso: string): AckOutcome {
  if (alert.acknowledgedAt) return { kind: 'unchanged', alert };
  return { kind: 'changed', alert: { ...alert, acknowledgedBy: by, acknowledgedAt: atIso } };
}
