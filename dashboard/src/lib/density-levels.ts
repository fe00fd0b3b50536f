import type { DensityLevel } from '@fairwatch/protocol';
import type { Zone } from '@fairwatch/venue';

/** One colour per level, used by the map, the badges and the legend alike (bright on a dark floor). */
export const LEVEL_COLOURS: Record<DensityLevel, string> = {
  normal: '#2fbf71',
  busy: '#f2c94c',
  crowded: '#f2884b',
  critical: '#ff4d4f',
};

/** Text drawn on top of a level colour: dark on every one (white on this red is 3.3:1, under WCAG AA's 4.5:1). */
export const LEVEL_TEXT_COLOURS: Record<DensityLevel, string> = {
  normal: '#06140c',
  busy: '#1d1600',
  crowded: '#1f0c00',
  critical: '#1a0000',
};

export interface LegendEntry {
  level: DensityLevel;
  /** Lowest and highest density (persons/m²) at which zones enter this level; 0 for `normal`. */
  from: { min: number; max: number };
}

/**
 * The legend's thresholds, read from the venue's zones. When zones differ, each level shows the range
 * of its thresholds ("busy from 1.5–2 p/m²") rather than pretending one figure fits all.
 */
export function legendEntries(zones: readonly Zone[]): LegendEntry[] {
  const range = (pick: (zone: Zone) => number) => {
    const values = zones.map(pick);
    return { min: Math.min(...values), max: Math.max(...values) };
  };
  return [
    { level: 'normal', from: { min: 0, max: 0 } },
    { level: 'busy', from: range((zone) => zone.thresholds.busy) },
    { level: 'crowded', from: range((zone) => zone.thresholds.crowded) },
    { level: 'critical', from: range((zone) => zone.thresholds.critical) },
  ];
}
