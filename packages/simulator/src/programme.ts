import { parseClock } from './clock.ts';

/** A programme slot that draws a crowd: a Caftan Show on a stage, a seminar session. */
export interface ProgrammeSlot {
  /** Local start time "HH:MM", every day of the fair. */
  start: string;
  /** Length in minutes. */
  minutes: number;
}

/** The first Caftan Show of the Fes fair: each evening, the time is our assumption (EVENT.md gives none). */
export const DEFAULT_SHOWS: readonly ProgrammeSlot[] = [{ start: '18:00', minutes: 60 }];
/** Seminars and training sessions: late morning and mid afternoon. */
export const DEFAULT_SEMINARS: readonly ProgrammeSlot[] = [
  { start: '11:30', minutes: 60 },
  { start: '16:00', minutes: 60 },
];

/** Minutes before a slot when people start walking towards it. */
const GATHER_MINUTES = 30;

/** How a programme affects the zones of its kind at a given minute of the day. */
export type SlotStage = 'idle' | 'gathering' | 'running' | 'dispersing';

/** The stage of the programme at `minuteOfDay`: gathering before, running during, dispersing just after. */
export function slotStageAt(slots: readonly ProgrammeSlot[], minuteOfDay: number): SlotStage {
  for (const slot of slots) {
    const start = parseClock(slot.start);
    const end = start + slot.minutes;
    // A slot may end after midnight; compare on both sides of it.
    for (const m of [minuteOfDay, minuteOfDay + 1440]) {
      if (m >= start - GATHER_MINUTES && m < start) return 'gathering';
      if (m >= start && m < end) return 'running';
      if (m >= end && m < end + 15) return 'dispersing';
    }
  }
  return 'idle';
}

/** How much more attractive a zone is to walkers than usual at this stage of its programme. */
export function attractionFactor(stage: SlotStage, strength: number): number {
  if (stage === 'gathering') return strength;
  if (stage === 'running') return strength / 2; // latecomers still come, fewer
  return stage === 'dispersing' ? 0.3 : 1;
}

/** How many times longer people stay in a zone than usual: they sit through the show, then leave. */
export function dwellFactor(stage: SlotStage): number {
  if (stage === 'gathering' || stage === 'running') return 8;
  return stage === 'dispersing' ? 0.4 : 1;
}
