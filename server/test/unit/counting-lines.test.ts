import { describe, expect, it } from 'vitest';
import { crossingOf } from '../../src/domain/counting-lines.ts';

describe('crossingOf', () => {
  it('counts an entrance line: in are entries, out are exits', () => {
    expect(crossingOf({ from: null, to: 'hall' }, 7, 2)).toEqual({ entries: 7, exits: 2, zoneChanges: [['hall', 5]] });
  });

  it('counts a line drawn the other way round (to is outside): out are entries', () => {
    expect(crossingOf({ from: 'hall', to: null }, 3, 8)).toEqual({ entries: 8, exits: 3, zoneChanges: [['hall', 5]] });
  });

  it('moves people between two zones without entries or exits', () => {
    expect(crossingOf({ from: 'hall', to: 'stage' }, 6, 1)).toEqual({ entries: 0, exits: 0, zoneChanges: [['stage', 5], ['hall', -5]] });
  });
});
