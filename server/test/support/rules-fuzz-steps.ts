import type { Incident, IncidentHistoryEntry } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { addNote } from '../../src/domain/incident-steps.ts';
import { changeIncident, openIncident } from '../../src/domain/incident-workflow.ts';
import type { ApplyContext, PreparedCount } from '../../src/domain/floor-counters.ts';
import { venueDay, venueHour } from '@fairwatch/venue/venue-time';
import { WRAP_MODULUS } from '../../src/domain/running-totals.ts';
import type { PreparedCheckin } from '../../src/store/store.ts';
import type { SeededRandom } from './seeded-random.ts';

/** One write applied to every store alike, at the server time of `context`. */
export type FuzzStep =
  | { kind: 'counts'; context: ApplyContext; batch: PreparedCount[] }
  | { kind: 'checkins'; context: ApplyContext; batch: PreparedCheckin[] }
  | { kind: 'recount'; context: ApplyContext; zone: string; count: number }
  /** The closing reset (live/closing-reset-watch.ts): every zone set to zero. */
  | { kind: 'closing-reset'; context: ApplyContext }
  | { kind: 'create-incident'; context: ApplyContext; incident: Incident }
  /** A compare-and-set from a copy of a version (the current one, or a stale one that must be refused). */
  | { kind: 'replace-incident'; context: ApplyContext; expected: Incident; next: Incident; step: IncidentHistoryEntry };

interface Device {
  gate: string;
  device: string;
  inTotal: number;
  outTotal: number;
  atMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * Random writes as a fair produces them: increment reports (several gates' at one instant too),
 * running totals with restarts, 16-bit wraps, implausible jumps and stale reports, late reports
 * (yesterday's too), retries of whole batches and duplicates inside a batch, check-ins with repeat
 * scans, recounts and closing resets.
 * The clock moves forward by seconds to minutes, across the venue's midnight.
 */
export class FuzzSteps {
  #nowMs: number;
  #next = 0;
  readonly #sent: FuzzStep[] = [];
  readonly #devices: Device[];
  /** Every version of every incident created, oldest first. */
  readonly #incidents = new Map<string, Incident[]>();

  constructor(private readonly random: SeededRandom, private readonly venue: Venue, startMs: number) {
    this.#nowMs = startMs;
    const gates = venue.gates.map((gate) => gate.id);
    this.#devices = [
      { gate: gates[0]!, device: 'd1', inTotal: 0, outTotal: 0, atMs: -Infinity },
      // Near the top of a 16-bit counter: it wraps within a few reports.
      { gate: gates[0]!, device: 'd2', inTotal: WRAP_MODULUS - 40, outTotal: WRAP_MODULUS - 25, atMs: -Infinity },
      { gate: gates.at(-1)!, device: 'd3', inTotal: 100, outTotal: 90, atMs: -Infinity },
    ];
  }

  next(): FuzzStep {
    const r = this.random;
    // Forward only: a write by a clock behind the log's newest entry is logged at that entry's time,
    // so its replay differs from the store by the skew (gate last report, peak time), by design.
    this.#nowMs += r.chance(0.1) ? r.int(10, 40) * 60_000 + r.int(0, 999) : r.int(200, 90_000);
    const context: ApplyContext = { nowMs: this.#nowMs, nowIso: new Date(this.#nowMs).toISOString(), today: venueDay(this.#nowMs, this.venue.timezone) };
    const roll = r.next();
    let step: FuzzStep;
    if (roll < 0.12 && this.#sent.length) {
      // A retry of an earlier batch (a device that did not hear the answer): every id counts once.
      const earlier = r.pick(this.#sent.filter((sent) => sent.kind === 'counts' || sent.kind === 'checkins'));
      step = earlier ? { ...earlier, context } as FuzzStep : this.#counts(context);
    } else if (roll < 0.6) step = this.#counts(context);
    else if (roll < 0.82) step = this.#checkins(context);
    else if (roll < 0.88) step = { kind: 'recount', context, zone: r.pick(this.venue.zones).id, count: r.int(0, 60) };
    else if (roll < 0.92) step = { kind: 'closing-reset', context };
    else step = this.#incident(context);
    this.#sent.push(step);
    return step;
  }

  #incident(context: ApplyContext): FuzzStep {
    const r = this.random;
    const ids = [...this.#incidents.keys()];
    if (!ids.length || r.chance(0.3)) {
      // A retry of a create (same id) now and then: the stores keep the first.
      if (ids.length && r.chance(0.2)) return { kind: 'create-incident', context, incident: this.#incidents.get(r.pick(ids))![0]! };
      const incident = openIncident({ id: randomUUIDFrom(r), type: 'medical', severity: r.pick(['low', 'high'] as const), description: 'Malaise' }, 'security', context.nowIso);
      this.#incidents.set(incident.id, [incident]);
      return { kind: 'create-incident', context, incident };
    }
    const versions = this.#incidents.get(r.pick(ids))!;
    const stale = versions.length > 1 && r.chance(0.2);
    const expected = structuredClone(stale ? versions[r.int(0, versions.length - 2)]! : versions.at(-1)!);
    const outcome = r.chance(0.7) || expected.status === 'resolved'
      ? addNote(expected, { id: randomUUIDFrom(r), text: `note ${versions.length}` }, 'operations', context.nowIso)
      : changeIncident(expected, { status: expected.status === 'open' ? 'acknowledged' : 'resolved' }, 'operations', context.nowIso);
    if (outcome.kind !== 'changed') return this.#counts(context);
    if (!stale) versions.push(outcome.incident);
    return { kind: 'replace-incident', context, expected, next: outcome.incident, step: outcome.incident.history.at(-1)! };
  }

  /** When a report happened: mostly just now, sometimes hours late, sometimes yesterday. */
  #atMs(): number {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.8) return this.#nowMs - r.int(0, 60_000);
    if (roll < 0.95) return this.#nowMs - r.int(1, 3 * HOUR_MS);
    if (roll < 0.98) return this.#nowMs - r.int(20 * HOUR_MS, 30 * HOUR_MS);
    return this.#nowMs - r.int(50 * HOUR_MS, 75 * HOUR_MS);
  }

  #prepared(gateId: string, inCount: number, outCount: number, atMs: number, device?: string): PreparedCount {
    const gate = this.venue.gates.find((candidate) => candidate.id === gateId)!;
    return {
      id: `c${this.#next++}`, gate: gateId, line: { from: gate.from, to: gate.to }, in: inCount, out: outCount,
      ...(device === undefined ? {} : { device }), at: new Date(atMs).toISOString(), atMs,
      day: venueDay(atMs, this.venue.timezone), hour: venueHour(atMs, this.venue.timezone),
    };
  }

  #counts(context: ApplyContext): FuzzStep {
    const r = this.random;
    const batch: PreparedCount[] = [];
    for (let i = r.int(1, 6); i > 0; i--) {
      const previous = batch.at(-1);
      if (previous && r.chance(0.1)) batch.push(r.pick(batch));
      else if (r.chance(0.1)) batch.push(...this.#walkedOn());
      else if (r.chance(0.5)) {
        // Now and then at the instant of the report before it, from any gate (issue 15: peaks are taken after the instant).
        const atMs = previous && r.chance(0.3) ? previous.atMs : this.#atMs();
        batch.push(this.#prepared(r.pick(this.venue.gates).id, r.int(0, 20), r.int(0, 20), atMs));
      } else batch.push(this.#totals(r.pick(this.#devices)));
    }
    return { kind: 'counts', context, batch };
  }

  /**
   * People who came in and went on into the next zone, both gates reporting the same instant (issue
   * 15): the zone between never held them, and its peak must not say it did.
   */
  #walkedOn(): PreparedCount[] {
    const r = this.random;
    const entrance = r.pick(this.venue.gates.filter((gate) => gate.from === null && gate.to !== null));
    const onward = entrance && r.pick(this.venue.gates.filter((gate) => gate.from === entrance.to));
    const atMs = this.#atMs();
    const persons = r.int(1, 20);
    if (!entrance || !onward) return [this.#prepared(r.pick(this.venue.gates).id, persons, 0, atMs)];
    return [this.#prepared(entrance.id, persons, 0, atMs), this.#prepared(onward.id, persons, r.int(0, 3), atMs)];
  }

  /** A running-totals report: counted on, restarted, a jump, or a stale one (older than the last). */
  #totals(device: Device): PreparedCount {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.05 && Number.isFinite(device.atMs)) {
      return this.#prepared(device.gate, Math.max(0, device.inTotal - 3), Math.max(0, device.outTotal - 2), device.atMs - r.int(1, 60_000), device.device);
    }
    if (roll < 0.1) (device.inTotal = r.int(0, 5)), (device.outTotal = r.int(0, 5));
    else if (roll < 0.13) device.inTotal += 5_000;
    else {
      device.inTotal = (device.inTotal + r.int(0, 15)) % WRAP_MODULUS;
      device.outTotal = (device.outTotal + r.int(0, 15)) % WRAP_MODULUS;
    }
    device.atMs = Math.max(device.atMs, this.#nowMs - r.int(0, 5_000));
    return this.#prepared(device.gate, device.inTotal, device.outTotal, device.atMs, device.device);
  }

  #checkins(context: ApplyContext): FuzzStep {
    const r = this.random;
    const batch: PreparedCheckin[] = [];
    for (let i = r.int(1, 5); i > 0; i--) {
      const atMs = r.chance(0.9) ? this.#nowMs - r.int(0, 20 * 60_000) : this.#atMs();
      const badge = r.chance(0.8) ? `B${r.int(1, 6)}` : undefined;
      batch.push({
        id: `k${this.#next++}`, stand: r.pick(this.venue.stands).id, ...(badge ? { badge } : {}), at: new Date(atMs).toISOString(), atMs,
        day: venueDay(atMs, this.venue.timezone), hour: venueHour(atMs, this.venue.timezone),
      });
    }
    return { kind: 'checkins', context, batch };
  }
}

/** A UUID from the seeded source, so that a seed replays the same incidents. */
function randomUUIDFrom(random: SeededRandom): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}
