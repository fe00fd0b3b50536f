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

type Thresholds = Zone['thresholds'];

/**
 * How far a zone is into its level, 0..1, measured against its own thresholds: 0.3 p/m² in a zone busy
 * at 1 is 0.3 into "normal"; past critical, the way to twice the critical density. The map's fill grows
 * with it, in the level's colour, so a glow never says more than the level does.
 */
export function depthInLevel(density: number, level: DensityLevel, thresholds: Thresholds): number {
  const [from, to] =
    level === 'normal'
      ? [0, thresholds.busy]
      : level === 'busy'
        ? [thresholds.busy, thresholds.crowded]
        : level === 'crowded'
          ? [thresholds.crowded, thresholds.critical]
          : [thresholds.critical, thresholds.critical * 2];
  return Math.min(1, Math.max(0, (density - from) / (to - from || 1)));
}

/** A zone's fill opacity: a level's floor plus its depth into the level (normal stays quiet). */
export function zoneFillOpacity(density: number, level: DensityLevel, thresholds: Thresholds): number {
  const base: Record<DensityLevel, number> = { normal: 0.1, busy: 0.28, crowded: 0.42, critical: 0.56 };
  return base[level] + depthInLevel(density, level, thresholds) * 0.1;
}

/** Zones that share the same thresholds, for the legend: the largest group first. */
export interface ThresholdGroup {
  thresholds: Thresholds;
  zones: Zone[];
}

export function thresholdGroups(zones: readonly Zone[]): ThresholdGroup[] {
  const groups = new Map<string, ThresholdGroup>();
  for (const zone of zones) {
    const key = `${zone.thresholds.busy}|${zone.thresholds.crowded}|${zone.thresholds.critical}`;
    const group = groups.get(key) ?? { thresholds: zone.thresholds, zones: [] };
    group.zones.push(zone);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.zones.length - a.zones.length);
}

/** A threshold as people write it: "1", "3,5" (no "1,00"). */
export function formatThreshold(value: number, intlLocale: string): string {
  return new Intl.NumberFormat(intlLocale, { maximumFractionDigits: 2 }).format(value);
}
