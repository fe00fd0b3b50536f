import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { levelOfService, type Venue } from '@fairwatch/venue';
import type { LevelOfService, Snapshot } from '@fairwatch/protocol';
import { gateFlowStep, type SustainedSince } from '../../src/domain/gate-flow-alerts.ts';
import { AlertWatch } from '../../src/live/alert-watch.ts';
import { EmbeddedStore } from '../../src/store/embedded-store.ts';
import { tinyVenue } from '../support/tiny-venue.ts';

const T0 = Date.parse('2022-10-15T15:00:00.000Z');
const SETTINGS = { gateFlowAlertLevel: 'E', gateFlowAlertMinutes: 2 } as const;

/** Runs a flow every 15 s through the rule, as the watch does, and lists what it raised and cleared. */
function run(flows: number[]): string[] {
  const since: SustainedSince = new Map();
  let active: LevelOfService | null = null;
  const events: string[] = [];
  flows.forEach((flow, i) => {
    const at = T0 + i * 15_000;
    const step = gateFlowStep(active, flow, levelOfService(flow), since, at, SETTINGS);
    if (step?.action === 'raise') events.push(`${(at - T0) / 1000}s raise ${(active = step.levelOfService)}`);
    else if (step?.action === 'clear') events.push(`${(at - T0) / 1000}s clear ${active}`), (active = null);
  });
  return events;
}

describe('the gate-flow alert rule', () => {
  it('raises only once the flow has stayed at E for 2 minutes', () => {
    expect(run([70, 70, 70, 70, 70, 70, 70, 70])).toEqual([]); // 105 s
    expect(run([70, 70, 70, 70, 70, 70, 70, 70, 70])).toEqual(['120s raise E']);
    // A dip below E starts the 2 minutes over.
    expect(run([70, 70, 70, 70, 60, 70, 70, 70, 70, 70, 70, 70, 70])).toEqual([]);
    expect(run([70, 70, 70, 70, 60, 70, 70, 70, 70, 70, 70, 70, 70, 70])).toEqual(['195s raise E']);
  });

  it('raises F as a new alert once F has lasted 2 minutes, and does not flap around the bound', () => {
    expect(run([...Array(9).fill(70), ...Array(9).fill(90)])).toEqual(['120s raise E', '255s raise F']);
    expect(run([...Array(9).fill(70), 64, 58, 66, 57, 70])).toEqual(['120s raise E']);
  });

  it('clears 15 % below the level\'s floor (56.1 for E)', () => {
    expect(run([...Array(9).fill(70), 56.2, 56])).toEqual(['120s raise E', '150s clear E']);
  });

  it('clears a gate that lost its width', () => {
    expect(gateFlowStep('E', null, null, new Map(), T0, SETTINGS)).toEqual({ action: 'clear' });
  });
});

describe('the alert watch and gate flow (injected clock)', () => {
  const venue: Venue = { ...tinyVenue, gates: tinyVenue.gates.map((gate) => (gate.id === 'door' ? { ...gate, widthM: 2 } : gate)) };
  const snapshot = (flow: number): Snapshot => ({
    seq: 1, at: new Date(T0).toISOString(),
    totals: { inside: 0, entriesToday: 0, exitsToday: 0, peakInside: 0, peakAt: null },
    zones: { hall: { occupancy: 50, density: 0.5, level: 'normal' }, stage: { occupancy: 0, density: 0, level: 'normal' } },
    stands: {},
    gates: { door: { inToday: 0, outToday: 0, lastReportAt: null, online: true, flow1m: flow, flow5m: flow, levelOfService: levelOfService(flow) }, 'hall-stage': { inToday: 0, outToday: 0, lastReportAt: null, online: true, flow1m: null, flow5m: null, levelOfService: null } },
    incidents: { open: 0, acknowledged: 0, resolvedToday: 0 },
  });

  it('raises a gate-flow alert about the gate after 2 minutes at E, and clears it when the flow drops', async () => {
    const store = new EmbeddedStore();
    let now = T0;
    let flow = 75;
    const watch = new AlertWatch(store, venue, () => snapshot(flow), pino({ level: 'silent' }), () => new Date(now));
    for (; now <= T0 + 110_000; now += 10_000) await watch.check();
    expect((await store.listAlerts()).filter((a) => a.kind === 'gate-flow')).toEqual([]);
    now = T0 + 120_000;
    await watch.check();
    const [alert] = (await store.listAlerts()).filter((a) => a.kind === 'gate-flow');
    expect(alert).toMatchObject({ kind: 'gate-flow', gate: 'door', zone: 'hall', level: 'crowded', levelOfService: 'E', flowPerMetreMinute: 75, clearedAt: null, acknowledgedBy: null });
    flow = 50;
    now += 10_000;
    await watch.check();
    const [cleared] = (await store.listAlerts()).filter((a) => a.kind === 'gate-flow');
    expect(cleared?.clearedAt).toBe(new Date(now).toISOString());
    await store.close();
  });
});
