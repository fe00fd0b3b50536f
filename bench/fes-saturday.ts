/**
 * Issue 18's closing figures: the bundled Fes venue on a simulated busy Saturday (15 October 2022, the
 * fair's first Saturday; the seeded model of @fairwatch/simulator), its worst time to clear and its
 * worst gate flow, as the printed report computes them. Run: `node --import tsx bench/fes-saturday.ts [seed]`.
 */
import { fesVenue, crowdFlowOf } from '@fairwatch/venue';
import { simulateDay } from '@fairwatch/simulator';
import { dayCrowdPeaks } from '../server/src/domain/crowd-peaks.ts';
import { egressNetwork, egressTimes } from '../server/src/domain/egress.ts';
import type { LogEntry } from '../server/src/domain/replay.ts';

const seed = Number(process.argv[2] ?? 1);
const day = '2022-10-15';
const simulated = simulateDay(fesVenue, day, 0, seed);
const entries: LogEntry[] = simulated.steps.map((step) => ({
  type: 'counts',
  atMs: step.atMs,
  items: step.counts.map((report) => ({ id: report.id, gate: report.gate, in: report.in, out: report.out, at: report.at })),
}));
const peaks = dayCrowdPeaks(entries, fesVenue, day, Date.parse(`${day}T23:59:00Z`));
const local = (iso: string | undefined) => (iso ? new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: fesVenue.timezone }).format(new Date(iso)) : '–');
// The whole floor at its safe capacities: what the exits are designed for.
const atCapacity = egressTimes(egressNetwork(fesVenue, { exitFlowRate: crowdFlowOf(fesVenue).exitFlowRate }), Object.fromEntries(fesVenue.zones.map((zone) => [zone.id, zone.capacity])));
console.log(JSON.stringify({
  seed,
  day,
  truth: simulated.truth,
  worstTimeToClear: peaks.worstTimeToClear && { ...peaks.worstTimeToClear, localTime: local(peaks.worstTimeToClear.at) },
  worstGateFlow: peaks.worstGateFlow && { ...peaks.worstGateFlow, localTime: local(peaks.worstGateFlow.at) },
  atSafeCapacity: atCapacity,
}, null, 1));
