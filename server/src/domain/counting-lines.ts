/**
 * What one people-counter report means for the floor. A gate is a counting line: `in` people move
 * from `from` to `to`, `out` people the reverse; a null side is outside the venue.
 */
export interface CountingLine {
  from: string | null;
  to: string | null;
}

export interface Crossing {
  /** Persons who came in from outside. */
  entries: number;
  /** Persons who left the venue. */
  exits: number;
  /** Net persons added to each zone the line touches (negative: removed). */
  zoneChanges: Array<[zone: string, change: number]>;
}

export function crossingOf(line: CountingLine, inCount: number, outCount: number): Crossing {
  const net = inCount - outCount;
  const zoneChanges: Array<[string, number]> = [];
  if (line.to !== null) zoneChanges.push([line.to, net]);
  if (line.from !== null) zoneChanges.push([line.from, -net]);
  return {
    entries: (line.from === null ? inCount : 0) + (line.to === null ? outCount : 0),
    exits: (line.from === null ? outCount : 0) + (line.to === null ? inCount : 0),
    zoneChanges,
  };
}
