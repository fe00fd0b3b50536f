import { describe, expect, it } from 'vitest';
import { CountBody, IncidentReport } from '@fairwatch/protocol';
import { randomUUID } from 'node:crypto';
import { batchesOf, countReportsOf } from '../src/reports.ts';
import { drawIncidents, planFollowUp } from '../src/incidents.ts';
import { createVenuePlan } from '../src/plan.ts';
import { initialState } from '../src/model.ts';
import { parseClock } from '../src/clock.ts';
import { mulberry32 } from '../src/random.ts';
import { tinyVenue } from './tiny-venue.ts';

describe('reports', () => {
  it('splits batches at 1000 and over-full counts at 10,000, with stable ids', () => {
    expect(batchesOf(Array.from({ length: 2500 }, (_, i) => i)).map((b) => b.length)).toEqual([1000, 1000, 500]);
    const at = new Date().toISOString();
    const reports = countReportsOf('r', 3, [{ gate: 'main-gate', in: 12_000, out: 5 }, { gate: 'x', in: 0, out: 0 }], false, at);
    expect(CountBody.parse(reports)).toHaveLength(2);
    expect(reports.map((r) => [r.id, r.in, r.out])).toEqual([['r-3-g0', 10_000, 5], ['r-3-g0-1', 2000, 0]]);
    expect(countReportsOf('r', 3, [{ gate: 'x', in: 0, out: 0 }], true, at)).toHaveLength(1);
  });

  it('drafts incidents the protocol accepts, in French or Arabic', () => {
    const venue = tinyVenue();
    const plan = createVenuePlan(venue);
    const state = { ...initialState(plan, parseClock('18:10')), browsing: { plaza: 100, promenade: 200, products: 400, international: 100, stage: 700, seminar: 10 } };
    const random = mulberry32(1);
    const drafts = Array.from({ length: 40 }, () => drawIncidents(venue, plan, state, 60, random)).flat();
    expect(drafts.length).toBeGreaterThan(20);
    for (const draft of drafts) IncidentReport.parse({ id: randomUUID(), ...draft });
    expect(drafts.some((d) => /[\u0600-\u06ff]/.test(d.description))).toBe(true);
    expect(drafts.some((d) => d.type === 'crowding' && d.zone === 'stage')).toBe(true);
    expect(drawIncidents(venue, plan, initialState(plan, parseClock('23:00')), 60, random)).toEqual([]);
    const followUp = planFollowUp(random);
    if (followUp.resolveAfter !== undefined) expect(followUp.resolveAfter).toBeGreaterThan(followUp.acknowledgeAfter ?? 0);
  });
});
