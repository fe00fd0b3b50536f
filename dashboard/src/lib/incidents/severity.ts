import type { Severity } from '@fairwatch/protocol';

/** One colour per severity, shared by the list, the map pins and the logging screen. */
export const SEVERITY_COLOURS: Record<Severity, string> = {
  low: '#5b8def',
  medium: '#f2c94c',
  high: '#f2884b',
  critical: '#ff4d4f',
};
