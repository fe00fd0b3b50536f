import { isEvacuationExit, type Venue } from '@fairwatch/venue';
import { FlowTopology } from './max-flow.ts';

/**
 * Time to clear, as a flow model over the venue's gate graph (issue 18). Zones are nodes, the outside
 * is the sink; a gate with a clear width w passes at most w x `exitFlowRate` persons per minute (in
 * either direction for a line between zones, outwards for an exit). Everyone starts at once and walking
 * time is neglected: the time is set by the openings (the UK Green Guide's "rate of passage" view).
 *
 * The quickest time T to move a set of people out is the smallest T for which a flow with gate
 * capacities c·T carries all of them to the outside; by max-flow/min-cut that is
 *   T = max over sets U of zones of  people(U) / capacity of the gates leaving U,
 * found by Dinkelbach's iteration (a few max-flows). The model therefore splits people over the exits
 * in the best way, so more width never lengthens a time and closing an exit never shortens one.
 *
 * - Whole floor: everyone in the venue.
 * - A zone: its own people plus those of the zones in front of it on its routes out (the zones one
 *   hop closer to the outside, and so on, on the venue's gate graph): a zone behind another adds the
 *   other's queue. Zones beside or behind it are not counted. A closed exit can put a zone behind
 *   another (the entrance plaza, its gate blocked, queues behind the promenade for the second gate),
 *   so the zones in front are those with every gate open and with each subset of the closed gates
 *   closed: more closures only add to them, and so never shorten a time. Past `MAX_SUBSET_CLOSURES`
 *   closed gates every zone counts everyone (the floor's time), on the safe side.
 */

export interface EgressOptions {
  /** Persons per metre per minute (Green Guide: 82). */
  exitFlowRate: number;
  /** Gates that pass nobody (closed for real, or blocked in a what-if). */
  closed?: ReadonlySet<string>;
}

/** The venue's gate graph for egress, built once per venue and set of closed gates. */
export interface EgressNetwork {
  zoneIds: readonly string[];
  /** Gates with a width: endpoints as zone indices, -1 for the outside, capacity in persons/minute. */
  links: ReadonlyArray<{ gate: string; a: number; b: number; capacity: number }>;
  /** For each zone, the indices of the zones in front of it on its routes out (itself excluded), closures included. */
  front: ReadonlyArray<readonly number[]>;
  /** Whether the zone has a route out through gates with known widths (closures aside); else its time is unknown. */
  routed: readonly boolean[];
  /** The flow graph: source (zone count) → each zone, then one arc per link (to the sink, zone count + 1, for exits). */
  topology: FlowTopology;
}

const OUTSIDE = -1;
/** 2^6 = 64 graph searches at most per set of closures (networks are cached per set). */
export const MAX_SUBSET_CLOSURES = 6;

export function egressNetwork(venue: Pick<Venue, 'zones' | 'gates'>, options: EgressOptions): EgressNetwork {
  const zoneIds = venue.zones.map((zone) => zone.id);
  const index = new Map(zoneIds.map((id, i) => [id, i]));
  const end = (zone: string | null) => (zone === null ? OUTSIDE : (index.get(zone) ?? OUTSIDE));
  const designed: Array<{ gate: string; a: number; b: number; capacity: number }> = [];
  for (const gate of venue.gates) {
    if (gate.widthM === undefined) continue;
    const toOutside = gate.from === null || gate.to === null;
    if (toOutside && !isEvacuationExit(gate)) continue;
    designed.push({ gate: gate.id, a: end(gate.from), b: end(gate.to), capacity: gate.widthM * options.exitFlowRate });
  }
  const links = designed.map((link) => (options.closed?.has(link.gate) ? { ...link, capacity: 0 } : link));
  const count = zoneIds.length;
  const arcs: Array<readonly [number, number]> = zoneIds.map((_, i) => [count, i] as const);
  for (const { a, b } of links) arcs.push(a === OUTSIDE ? [b, count + 1] : b === OUTSIDE ? [a, count + 1] : [a, b]);
  const { front, routed } = frontZones(count, designed);
  return { zoneIds, links, front: withClosures(front, count, designed, options.closed), routed, topology: new FlowTopology(count + 2, arcs) };
}

/** The designed fronts, joined with the fronts of the graph without each subset of the closed gates. */
function withClosures(designedFront: number[][], count: number, designed: ReadonlyArray<{ gate: string; a: number; b: number }>, closed?: ReadonlySet<string>): number[][] {
  const closable = [...new Set(designed.filter((link) => closed?.has(link.gate)).map((link) => link.gate))];
  if (!closable.length) return designedFront;
  if (closable.length > MAX_SUBSET_CLOSURES) return Array.from({ length: count }, (_, zone) => Array.from({ length: count }, (_, i) => i).filter((i) => i !== zone));
  const union = designedFront.map((zones) => new Set(zones));
  for (let mask = 1; mask < 1 << closable.length; mask++) {
    const shut = new Set(closable.filter((_, k) => mask & (1 << k)));
    frontZones(count, designed.filter((link) => !shut.has(link.gate))).front.forEach((zones, zone) => zones.forEach((other) => union[zone]!.add(other)));
  }
  return union.map((zones) => [...zones].sort((a, b) => a - b));
}

/** Hops to the outside on the designed graph, then the zones reachable by always stepping one hop closer. */
function frontZones(count: number, links: ReadonlyArray<{ a: number; b: number }>): { front: number[][]; routed: boolean[] } {
  const neighbours: number[][] = Array.from({ length: count }, () => []);
  const distance = new Array<number>(count).fill(Infinity);
  let frontier: number[] = [];
  for (const { a, b } of links) {
    if (a >= 0 && b >= 0) neighbours[a]!.push(b), neighbours[b]!.push(a);
    const inside = a === OUTSIDE ? b : b === OUTSIDE ? a : -2;
    if (inside >= 0 && distance[inside] !== 1) (distance[inside] = 1), frontier.push(inside);
  }
  for (let hops = 2; frontier.length; hops++) {
    const next: number[] = [];
    for (const zone of frontier) for (const other of neighbours[zone]!) if (distance[other] === Infinity) (distance[other] = hops), next.push(other);
    frontier = next;
  }
  const front = Array.from({ length: count }, (_, zone) => {
    const seen = new Set<number>();
    const stack = [zone];
    while (stack.length) {
      const at = stack.pop()!;
      for (const other of neighbours[at]!) if (distance[other]! < distance[at]! && !seen.has(other)) seen.add(other), stack.push(other);
    }
    return [...seen];
  });
  return { front, routed: distance.map(Number.isFinite) };
}

/**
 * Minutes to move `people[i]` persons out of each zone i together, at best; Infinity when someone
 * cannot reach the outside, 0 when nobody is inside.
 */
export function quickestClearMinutes(network: EgressNetwork, people: ArrayLike<number>): number {
  const count = network.zoneIds.length;
  let total = 0;
  for (let i = 0; i < count; i++) total += Math.max(0, people[i] ?? 0);
  if (total <= 0) return 0;
  if (!everyoneCanLeave(network, people)) return Infinity;
  // Dinkelbach: start from U = every zone (people over the exits' capacity), a lower bound.
  let ratio = total / boundaryCapacity(network, new Array<boolean>(count).fill(true));
  const forward = new Float64Array(count + network.links.length);
  const backward = new Float64Array(count + network.links.length);
  for (let i = 0; i < count; i++) forward[i] = Math.max(0, people[i] ?? 0);
  const inU = new Array<boolean>(count);
  for (let iteration = 0; iteration < 50; iteration++) {
    network.links.forEach(({ a, b, capacity }, l) => {
      forward[count + l] = capacity * ratio;
      // A line between zones passes either way; an exit only outwards.
      backward[count + l] = a !== OUTSIDE && b !== OUTSIDE ? capacity * ratio : 0;
    });
    const value = network.topology.solve(count, count + 1, forward, backward);
    if (value >= total * (1 - 1e-9)) return ratio;
    let peopleU = 0;
    for (let i = 0; i < count; i++) {
      inU[i] = network.topology.onSourceSide(i);
      if (inU[i]) peopleU += forward[i]!;
    }
    const next = peopleU / boundaryCapacity(network, inU);
    if (!(next > ratio * (1 + 1e-12))) return ratio;
    ratio = next;
  }
  return ratio;
}

function everyoneCanLeave(network: EgressNetwork, people: ArrayLike<number>): boolean {
  const count = network.zoneIds.length;
  const out = new Array<boolean>(count).fill(false);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { a, b, capacity } of network.links) {
      if (capacity <= 0) continue;
      const aOut = a === OUTSIDE || out[a]!;
      const bOut = b === OUTSIDE || out[b]!;
      if (aOut && b >= 0 && !out[b]) (out[b] = true), (changed = true);
      if (bOut && a >= 0 && !out[a]) (out[a] = true), (changed = true);
    }
  }
  for (let i = 0; i < count; i++) if ((people[i] ?? 0) > 0 && !out[i]) return false;
  return true;
}

/** Capacity (persons/minute) of the gates between the zones in U and the rest (other zones or outside). */
function boundaryCapacity(network: EgressNetwork, inU: readonly boolean[]): number {
  let capacity = 0;
  for (const { a, b, capacity: c } of network.links) {
    const aIn = a >= 0 && inU[a]!;
    const bIn = b >= 0 && inU[b]!;
    if (aIn !== bIn) capacity += c;
  }
  return capacity;
}

export interface EgressTimes {
  /** Minutes to clear everyone; null when someone has no way out. */
  floor: number | null;
  /** Minutes per zone (its people and those in front of it); null when it has no way out. */
  zones: Record<string, number | null>;
}

const round1 = (minutes: number) => Math.round(minutes * 10) / 10;
const finite = (minutes: number) => (Number.isFinite(minutes) ? round1(minutes) : null);

/** The time to clear one zone with its front (`people` by zone index). */
export function zoneClearMinutes(network: EgressNetwork, people: ArrayLike<number>, zone: number): number {
  if ((people[zone] ?? 0) <= 0) return 0;
  const own = new Float64Array(network.zoneIds.length);
  own[zone] = people[zone]!;
  for (const other of network.front[zone]!) own[other] = people[other] ?? 0;
  return quickestClearMinutes(network, own);
}

/** Times to clear the floor and each zone, rounded to 0.1 min, from occupancies by zone id. */
export function egressTimes(network: EgressNetwork, occupancy: Readonly<Record<string, number>>): EgressTimes {
  const people = network.zoneIds.map((id) => occupancy[id] ?? 0);
  const zones: Record<string, number | null> = {};
  network.zoneIds.forEach((id, i) => (zones[id] = network.routed[i] ? finite(zoneClearMinutes(network, people, i)) : null));
  // Unknown when some zone with people has no route with known widths.
  const unknown = network.zoneIds.some((_, i) => !network.routed[i] && people[i]! > 0);
  return { floor: unknown ? null : finite(quickestClearMinutes(network, people)), zones };
}
