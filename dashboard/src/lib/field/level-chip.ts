import type { DensityLevel } from '@fairwatch/protocol';

/** Level colours for a white page in sunlight: darker than the control room's, each with its text colour (≥ 4.5:1). */
export const SUNLIGHT_LEVELS: Record<DensityLevel, { background: string; color: string }> = {
  normal: { background: '#075e2b', color: '#ffffff' },
  busy: { background: '#ffd84d', color: '#1d1600' },
  crowded: { background: '#c2410c', color: '#ffffff' },
  critical: { background: '#9b001b', color: '#ffffff' },
};
