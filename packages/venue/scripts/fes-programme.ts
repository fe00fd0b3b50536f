import type { ProgrammeSlot } from '../src/schema.ts';

/**
 * The crowd pullers of the Fes fair, every day: the Caftan Show each evening and two seminar sessions.
 * The times are our assumption (the announcement gives none) and match the simulator's programme
 * (packages/simulator/src/programme.ts); `expected` is a guess of the audience.
 */
export function fesProgramme(): ProgrammeSlot[] {
  return [
    {
      id: 'caftan-show',
      zone: 'caftan-stage',
      title: { ar: 'عرض القفطان', fr: 'Caftan Show', en: 'Caftan Show' },
      start: '18:00',
      minutes: 60,
      expected: 600,
      leadMinutes: 30,
    },
    {
      id: 'seminar-morning',
      zone: 'seminar-space',
      title: { ar: 'ندوة الصباح', fr: 'Séminaire du matin', en: 'Morning seminar' },
      start: '11:30',
      minutes: 60,
      expected: 150,
      leadMinutes: 20,
    },
    {
      id: 'seminar-afternoon',
      zone: 'seminar-space',
      title: { ar: 'ندوة بعد الظهر', fr: "Séminaire de l'après-midi", en: 'Afternoon seminar' },
      start: '16:00',
      minutes: 60,
      expected: 150,
      leadMinutes: 20,
    },
  ];
}
