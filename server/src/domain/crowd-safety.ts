import { crowdFlowOf, type CrowdFlowSettings, type Venue } from '@fairwatch/venue';
import { egressNetwork, egressTimes, type EgressNetwork, type EgressTimes } from './egress.ts';
import { gateFlows, netInflowPerMinute } from './gate-flow.ts';
import type { GateClosure, RecentCrossing } from './floor-state.ts';
import type { Figures } from './live-figures.ts';
import { forecastZones, programmeOccurrences, type SlotOccurrence, type ZoneForecast } from './occupancy-forecast.ts';

export type { GateClosure } from './floor-state.ts';

/** Networks kept for what-if questions (each set of blocked gates is one). */
const NETWORK_CACHE = 16;

/**
 * The crowd-flow figures of issue 18 added to the live figures at each tick: flow and level of service
 * per gate, time to clear per zone and for the floor, the next hour per zone. Pure functions of what the
 * store holds (occupancies, crossings per minute, closures) and the minute, so every instance shows the
 * same; results are reused while those stand still. No I/O.
 */
export class CrowdSafety {
  readonly settings: CrowdFlowSettings;
  readonly #networks = new Map<string, EgressNetwork>();
  readonly #widths: ReadonlyMap<string, number>;
  readonly #lines: ReadonlyMap<string, { from: string | null; to: string | null }>;
  #slots: { day: string; occurrences: SlotOccurrence[] } | null = null;
  #lastEgress: { key: string; times: EgressTimes } | null = null;
  #lastForecast: { key: string; forecast: Record<string, ZoneForecast> } | null = null;

  /** `timeScale`: fair minutes per minute of counts (the demo plays the fair faster); flows and trends are divided by it. */
  constructor(private readonly venue: Venue, private readonly timeScale = 1) {
    this.settings = crowdFlowOf(venue);
    this.#widths = new Map(venue.gates.filter((gate) => gate.widthM !== undefined).map((gate) => [gate.id, gate.widthM! * timeScale]));
    this.#lines = new Map(venue.gates.map((gate) => [gate.id, { from: gate.from, to: gate.to }]));
  }

  /** The egress network with these gates passing nobody. */
  network(closed: ReadonlySet<string>): EgressNetwork {
    const key = [...closed].sort().join('\n');
    let network = this.#networks.get(key);
    if (!network) {
      network = egressNetwork(this.venue, { exitFlowRate: this.settings.exitFlowRate, closed });
      if (this.#networks.size >= NETWORK_CACHE) this.#networks.delete(this.#networks.keys().next().value!);
      this.#networks.set(key, network);
    }
    return network;
  }

  /** Times to clear for the given occupancies with these gates closed (live closures and what-if blocks alike). */
  egress(occupancy: Readonly<Record<string, number>>, closed: ReadonlySet<string>): EgressTimes {
    return egressTimes(this.network(closed), occupancy);
  }

  /** The figures with the crowd-flow fields added (a new object; `figures` is not changed). */
  apply(figures: Figures, closed: ReadonlySet<string>, crossings: readonly RecentCrossing[], nowMs: number, day: string): Figures {
    const flows = gateFlows(crossings, this.#widths, nowMs);
    const gates: Figures['gates'] = {};
    for (const gate of this.venue.gates) {
      const counted = figures.gates[gate.id];
      if (!counted) continue;
      const flow = flows.get(gate.id);
      gates[gate.id] = { ...counted, flow1m: flow?.flow1m ?? null, flow5m: flow?.flow5m ?? null, levelOfService: flow?.levelOfService ?? null, closed: closed.has(gate.id) };
    }

    const occupancy: Record<string, number> = {};
    for (const zone of this.venue.zones) occupancy[zone.id] = figures.zones[zone.id]?.occupancy ?? 0;
    const network = this.network(closed);
    const closedKey = [...closed].sort().join('\n');
    const occupancyKey = this.venue.zones.map((zone) => occupancy[zone.id]).join(',');
    const egressKey = `${closedKey}|${occupancyKey}`;
    // Occupancies change only when counts arrive: most ticks reuse the last answer.
    if (this.#lastEgress?.key !== egressKey) this.#lastEgress = { key: egressKey, times: egressTimes(network, occupancy) };
    const times = this.#lastEgress.times;
    const target = this.settings.evacuationTargetMinutes;
    const zones: Figures['zones'] = {};
    let zonesOverTarget = 0;
    this.venue.zones.forEach((zone, i) => {
      const current = figures.zones[zone.id];
      if (!current) return;
      const minutes = times.zones[zone.id] ?? null;
      if (network.routed[i] && (minutes === null || minutes > target)) zonesOverTarget++;
      zones[zone.id] = { ...current, timeToClearMin: minutes };
    });

    // The forecast starts from the current minute, so that it is the same whenever in the minute it is asked.
    const minuteMs = Math.floor(nowMs / 60_000) * 60_000;
    const trend = netInflowPerMinute(crossings, this.#lines, nowMs);
    const netPerMinute: Record<string, number> = {};
    for (const zone of this.venue.zones) netPerMinute[zone.id] = Math.round(((trend[zone.id] ?? 0) / this.timeScale) * 10) / 10;
    const forecastKey = `${egressKey}|${minuteMs}|${this.venue.zones.map((zone) => netPerMinute[zone.id]).join(',')}`;
    if (this.#lastForecast?.key !== forecastKey) {
      this.#lastForecast = { key: forecastKey, forecast: forecastZones(this.venue, network, { nowMs: minuteMs, occupancy, netPerMinute, slots: this.#slotsOf(day) }) };
    }
    return {
      ...figures,
      zones,
      gates,
      egress: { floorMinutes: times.floor, targetMinutes: target, exitFlowRate: this.settings.exitFlowRate, zonesOverTarget, closedGates: closed.size },
      forecast: this.#lastForecast.forecast,
    };
  }

  #slotsOf(day: string): SlotOccurrence[] {
    if (this.#slots?.day !== day) this.#slots = { day, occurrences: programmeOccurrences(this.venue.programme ?? [], day, this.venue.timezone) };
    return this.#slots.occurrences;
  }
}
