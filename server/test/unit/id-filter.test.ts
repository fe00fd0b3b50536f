import { describe, expect, it } from 'vitest';
import { IdFilter } from '../../src/store/durable/id-filter.ts';

describe('the durable store’s filter of remembered ids', () => {
  it('never forgets an id it was given, and says "maybe" for about 1 % of others at its capacity', () => {
    const filter = new IdFilter(100_000);
    for (let i = 0; i < 100_000; i++) filter.add(`count\nr-${i}`);
    for (let i = 0; i < 100_000; i++) expect(filter.mightHave(`count\nr-${i}`)).toBe(true);
    let maybe = 0;
    for (let i = 0; i < 100_000; i++) if (filter.mightHave(`count\nother-${i}`)) maybe++;
    expect(maybe / 100_000).toBeLessThan(0.02);
    expect(filter.full).toBe(false);
  });

  it('says when it holds more ids than it was made for', () => {
    const filter = new IdFilter(10);
    for (let i = 0; i < 70_000; i++) filter.add(`checkin\nk-${i}`);
    expect(filter.full).toBe(true);
    expect(filter.count).toBe(70_000);
  });
});
