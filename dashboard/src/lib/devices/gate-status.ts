import type { GateFigures, HealthStatus } from '@fairwatch/protocol';

/** A gate's health from the live figures: never seen (no report yet), offline (silent too long) or online. */
export function gateStatusOf(figures: Pick<GateFigures, 'lastReportAt' | 'online'> | undefined): HealthStatus {
  if (!figures || figures.lastReportAt === null) return 'never';
  return figures.online ? 'online' : 'offline';
}

/**
 * How the map draws a gate of each status. Offline gates get a thick yellow ring round a dark centre
 * and never-seen ones a grey fill, so that they differ from the blue of healthy gates by shape and
 * lightness, not by hue alone (colour-blind operators, sunlight on the screen).
 */
export const GATE_MARKER_STYLES: Record<HealthStatus, { fillColor: string; color: string; weight: number; radius: number; dashArray?: string }> = {
  online: { fillColor: '#4aa3ff', color: '#ffffff', weight: 2, radius: 6 },
  offline: { fillColor: '#1a1a1a', color: '#ffd23f', weight: 4, radius: 8 },
  never: { fillColor: '#8c96a3', color: '#ffffff', weight: 2, radius: 6, dashArray: '2 2' },
};

/** Seconds of clock skew as operators read it: "+2 s", "−3 min". */
export function skewText(skewMs: number | null): string | null {
  if (skewMs === null) return null;
  const sign = skewMs < 0 ? '−' : '+';
  const seconds = Math.abs(skewMs) / 1000;
  if (seconds < 90) return `${sign}${Math.round(seconds)} s`;
  if (seconds < 5400) return `${sign}${Math.round(seconds / 60)} min`;
  return `${sign}${Math.round(seconds / 3600)} h`;
}
