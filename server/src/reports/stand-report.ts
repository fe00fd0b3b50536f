import type { StandReport } from '@fairwatch/protocol';
import { sum, type DayRollup } from '../domain/rollups.ts';

/** A stand's check-ins per local hour on each day that has a roll-up (days without any read 0). Pure. */
export function buildStandReport(stand: string, zone: string, rollups: readonly DayRollup[]): StandReport {
  const days = [...rollups]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((rollup) => {
      const byHour = [...(rollup.standHours[stand] ?? new Array<number>(24).fill(0))];
      return { day: rollup.day, total: sum(byHour), byHour };
    });
  return { stand, zone, total: sum(days.map((day) => day.total)), days };
}
