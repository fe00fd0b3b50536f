import type { DensityLevel } from '@fairwatch/protocol';
import type { Thresholds } from '@fairwatch/venue';

/** The level of a zone at a density (persons/m²): each threshold is the first density of its level. */
export function densityLevel(density: number, thresholds: Thresholds): DensityLevel {
  if (density >= thresholds.critical) return 'critical';
  if (density >= thresholds.crowded) return 'crowded';
  if (density >= thresholds.busy) return 'busy';
  return 'normal';
}

/** Persons per m², rounded to 0.01 so that figures (and deltas) do not churn on float noise. */
export function densityOf(occupancy: number, areaM2: number): number {
  return Math.round((occupancy / areaM2) * 100) / 100;
}
