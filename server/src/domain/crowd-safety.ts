import { crowdFlowOf, type CrowdFlowSettings, type Venue } from '@fairwatch/venue';
import { egressNetwork, egressTimes, type EgressNetwork, type EgressTimes } from './egress.ts';
import { GateFlowMeter } from './gate-flow.ts';
import type { Figures } from './live-figures.ts';
import { forecastZones, programmeOccurrences, type SlotOccurrence, type ZoneForecast } from './occupancy-forecast.ts';
import { INFLOW_WINDOW_MS, inflowForecast, type OccupancySample } from './zone-alerts.ts';

/** An exit closed for real by operations (issue 18): the figures leave it out until it is reopened. */
export interface GateClosure {
  gate: string;
  closedAt: string;
  by: string;
  note?: string;
}

/** Occupancy samples closer together than this add nothing to a 5-minute trend. */
const SAMPLE_SPACING_MS = 2_000;
/** Networks kept for what-if questions (each set of blocked gates is one). */
const NETWORK_CACHE = 16;
/**
 * Zone forecasts are refreshed in turns, this many ticks for the whole floor: a forecast of the next
 * hour a second or two old is as good, and the tick's cost stays flat on a large venue.
 */
const FORECAST_TURNS = 8;

/**
 * The crowd-flow figures of issue 18 added to the live figures at each tick: flow and level of service
 * per gate, time to clear per zone and for the floor, the next hour per zone. Holds what a tick needs
 * from earlier ticks (crossing counts, occupancy samples); no I/O.
 */
export class CrowdSafety {
  readonly settings: CrowdFlowSettings;
  readonly #meter = new GateFlowMeter();
  readonly #samples = new Map<string, OccupancySample[]>();
  readonly #networks = new Map<string, EgressNetwork>();
  #slots: { day: string; occurrences: SlotOccurrence[] } | null = null;
  /** The last times to clear and the occupancies and closures they were computed for. */
  #lastEgress: { key: string; times: EgressTimes } | null = null;
  #forecast: Record<string, ZoneForecast> = {};
  #forecastClosed = '';
  #turn = 0;

  /** `timeScale`: fair minutes per minute of counts (the demo plays the fair faster); flows are divided by it. */
  constructor(private readonly venue: Venue, private readonly timeScale = 1) {
    this.settings = crowdFlowOf(venue);
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
  apply(figures: Figures, closed: ReadonlySet<string>, nowMs: number, day: string): Figures {
    const gates: Figures['gates'] = {};
    for (const gate of this.venue.gates) {
      const counted = figures.gates[gate.id];
      if (!counted) continue;
      this.#meter.record(gate.id, nowMs, counted.inToday + counted.outToday);
      const flow = this.#meter.flow(gate.id, gate.widthM === undefined ? undefined : gate.widthM * this.timeScale, nowMs);
      gates[gate.id] = { ...counted, flow1m: flow?.flow1m ?? null, flow5m: flow?.flow5m ?? null, levelOfService: flow?.levelOfService ?? null, closed: closed.has(gate.id) };
    }

    const occupancy: Record<string, number> = {};
    const netPerMinute: Record<string, number> = {};
    for (const zone of this.venue.zones) {
      const people = figures.zones[zone.id]?.occupancy ?? 0;
      occupancy[zone.id] = people;
      netPerMinute[zone.id] = inflowForecast(this.#record(zone.id, nowMs, people), zone, nowMs)?.netPerMinute ?? 0;
    }
    const network = this.network(closed);
    const closedKey = [...closed].sort().join('\n');
    const key = `${closedKey}|${this.venue.zones.map((zone) => occupancy[zone.id]).join(',')}`;
    // Occupancies change only when counts arrive: most ticks reuse the last answer.
    if (this.#lastEgress?.key !== key) this.#lastEgress = { key, times: egressTimes(network, occupancy) };
    const times = this.#lastEgress.times;
    const target = this.settings.evacuationTargetMinutes;
    const zones: Figures['zones'] = {};
    let zonesOverTarget = 0;
    for (const [id, zone] of Object.entries(figures.zones)) {
      const minutes = times.zones[id] ?? null;
      const routed = network.routed[network.zoneIds.indexOf(id)] === true;
      if (routed && (minutes === null || minutes > target)) zonesOverTarget++;
      zones[id] = { ...zone, timeToClearMin: minutes };
    }
    const forecast = this.#forecastTurn(network, closedKey, { nowMs, occupancy, netPerMinute, slots: this.#slotsOf(day) });
    return {
      ...figures,
      zones,
      gates,
      egress: { floorMinutes: times.floor, targetMinutes: target, exitFlowRate: this.settings.exitFlowRate, zonesOverTarget, closedGates: closed.size },
      forecast,
    };
  }

  /** This tick's share of the zones gets a new forecast (all of them when closures changed or on the first tick). */
  #forecastTurn(network: EgressNetwork, closedKey: string, input: Parameters<typeof forecastZones>[2]): Record<string, ZoneForecast> {
    const zones = this.venue.zones;
    const all = closedKey !== this.#forecastClosed || Object.keys(this.#forecast).length < zones.length;
    const share = Math.ceil(zones.length / FORECAST_TURNS);
    const only = all ? undefined : new Set(Array.from({ length: share }, (_, i) => zones[(this.#turn * share + i) % zones.length]!.id));
    this.#turn = (this.#turn + 1) % FORECAST_TURNS;
    this.#forecastClosed = closedKey;
    this.#forecast = { ...this.#forecast, ...forecastZones(this.venue, network, input, only) };
    return this.#forecast;
  }

  #slotsOf(day: string): SlotOccurrence[] {
    if (this.#slots?.day !== day) this.#slots = { day, occurrences: programmeOccurrences(this.venue.programme ?? [], day, this.venue.timezone) };
    return this.#slots.occurrences;
  }

  #record(zone: string, atMs: number, occupancy: number): OccupancySample[] {
    let samples = this.#samples.get(zone);
    if (!samples) this.#samples.set(zone, (samples = []));
    const last = samples.at(-1);
    if (last && atMs - last.atMs < SAMPLE_SPACING_MS) last.occupancy = occupancy;
    else samples.push({ atMs, occupancy });
    while (samples.length && samples[0]!.atMs < atMs - INFLOW_WINDOW_MS * 2) samples.shift();
    return samples;
  }
}
