import type { Gate, Zone } from '@fairwatch/venue';
import { polygonArea } from '@fairwatch/venue';

/** UK Green Guide / HSG195 planning density for standing visitors, persons per m². */
export const DEFAULT_PLANNING_DENSITY = 2;
/** Persons per metre of exit width per minute (Green Guide, level exits). */
export const EXIT_FLOW_RATE = 82;
/** Minutes the zone should empty in (Green Guide: 8 for most venues). */
export const DEFAULT_EVACUATION_MINUTES = 8;
export const PLANNING_DENSITIES = [0.5, 1, 1.5, 2, 2.5, 3] as const;

export interface CapacityEstimate {
  areaM2: number;
  /** area × density. */
  areaBased: number;
  /** Exit widths (the widest left out when there are two or more) × rate × minutes; null without a known width. */
  exitBased: number | null;
  exitWidthM: number;
  exits: number;
  widestDiscounted: boolean;
  /** The lower of the two: the figure proposed. */
  proposed: number;
  source: 'area' | 'exits';
}

/** The gates through which people leave the zone, with a known clear width. */
export function exitsOf(zoneId: string, gates: readonly Gate[]): Gate[] {
  return gates.filter((gate) => (gate.from === zoneId || gate.to === zoneId) && gate.widthM !== undefined);
}

/**
 * A zone's safe capacity two ways, the lower proposed: area-based (area × planning density) and
 * exit-based (the exits' width, widest discounted in case it is blocked, × 82 p/m/min × minutes).
 */
export function estimateCapacity(zone: Pick<Zone, 'id' | 'polygon'>, gates: readonly Gate[], density = DEFAULT_PLANNING_DENSITY, minutes = DEFAULT_EVACUATION_MINUTES): CapacityEstimate {
  const areaM2 = polygonArea(zone.polygon);
  const areaBased = Math.floor(areaM2 * density);
  const widths = exitsOf(zone.id, gates).map((gate) => gate.widthM!);
  const widestDiscounted = widths.length >= 2;
  const exitWidthM = widths.reduce((sum, width) => sum + width, 0) - (widestDiscounted ? Math.max(...widths) : 0);
  const exitBased = widths.length ? Math.floor(exitWidthM * EXIT_FLOW_RATE * minutes) : null;
  const source = exitBased !== null && exitBased < areaBased ? 'exits' : 'area';
  return { areaM2, areaBased, exitBased, exitWidthM, exits: widths.length, widestDiscounted, proposed: source === 'exits' ? exitBased! : areaBased, source };
}

/** Thresholds (persons/m²) proposed for a new zone, after the Green Guide's comfortable/dense/critical bands. */
export const DEFAULT_THRESHOLDS = { busy: 1.5, crowded: 2.5, critical: 3.5 } as const;
export const THRESHOLDS_GUIDANCE = 'UK Green Guide (6th ed.) / HSG195; Fruin levels of service';
