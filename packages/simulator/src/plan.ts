import type { Venue } from '@fairwatch/venue';
import { openingMinutesOf, type OpeningMinutes } from './clock.ts';
import { DEFAULT_SEMINARS, DEFAULT_SHOWS, type ProgrammeSlot } from './programme.ts';
import { mulberry32, deriveSeed } from './random.ts';
import { normal } from './sampling.ts';

export type ZoneKind = Venue['zones'][number]['kind'];

/** One direction of a counting line: crossing it from `from` to `to` adds 1 to the gate's `field`. */
export interface Passage {
  gate: string;
  field: 'in' | 'out';
  /** null is outside the venue. */
  from: string | null;
  to: string | null;
}

/** A stand with how popular it is: its share of its zone's check-ins is popularity / zone total. */
export interface StandPlan {
  id: string;
  zone: string;
  popularity: number;
}

/** Tunable assumptions of the model; every field has a default (see CONTEXT.md). */
export interface ModelOptions {
  /** Seeds the stand popularities; the crowd itself is driven by the Random passed to each step. */
  seed?: number;
  /** Day of the week of simulated day 0, 0 = Sunday .. 6 = Saturday (as Date#getDay). Default 2 (Tuesday). */
  weekday?: number;
  /** Caftan Show slots, for `stage` zones. */
  shows?: readonly ProgrammeSlot[];
  /** Seminar slots, for `seminar` zones. */
  seminars?: readonly ProgrammeSlot[];
  /** Mean minutes a visitor spends at the fair. Default 100. */
  meanVisitMinutes?: number;
  /** Arrivals per minute at a weekday's busiest hour. Default: derived from the venue's capacity. */
  peakArrivalsPerMinute?: number;
  /** Stand scans per visitor per minute spent in a zone with stands. Default 0.06. */
  checkinsPerVisitorMinute?: number;
  /** How many distinct badges exist. Default: about one and a half weekday's visitors. */
  badgePoolSize?: number;
}

/** Everything the model derives once from a venue: the graph of gates, exit routes, stands, rates. */
export interface VenuePlan {
  hours: OpeningMinutes;
  weekday: number;
  zoneIds: string[];
  gateIds: string[];
  kinds: Map<string, ZoneKind>;
  capacity: Map<string, number>;
  /** Passages leaving each zone, and from outside (key null): the entrances. */
  passagesFrom: Map<string | null, Passage[]>;
  /** For each zone, the passages one step closer to the outside (empty if the zone has no way out). */
  exitRoutes: Map<string, Passage[]>;
  stands: StandPlan[];
  standsByZone: Map<string, StandPlan[]>;
  shows: readonly ProgrammeSlot[];
  seminars: readonly ProgrammeSlot[];
  meanVisitMinutes: number;
  peakArrivalsPerMinute: number;
  checkinsPerVisitorMinute: number;
  badgePoolSize: number;
}

/** Both directions of every gate, skipping lines that connect nothing (outside to outside). */
export function passagesOf(venue: Pick<Venue, 'gates'>): Passage[] {
  const passages: Passage[] = [];
  for (const gate of venue.gates) {
    if (gate.from === gate.to) continue;
    passages.push({ gate: gate.id, field: 'in', from: gate.from, to: gate.to });
    passages.push({ gate: gate.id, field: 'out', from: gate.to, to: gate.from });
  }
  return passages;
}

/** Breadth-first from outside: for each zone, the passages that lead one hop closer to an exit. */
function exitRoutesOf(zoneIds: string[], passages: Passage[]): Map<string, Passage[]> {
  const distance = new Map<string | null, number>([[null, 0]]);
  let frontier: (string | null)[] = [null];
  while (frontier.length) {
    const next: (string | null)[] = [];
    for (const zone of frontier) {
      for (const p of passages) {
        if (p.to === zone && p.from !== null && !distance.has(p.from)) {
          distance.set(p.from, (distance.get(zone) ?? 0) + 1);
          next.push(p.from);
        }
      }
    }
    frontier = next;
  }
  const routes = new Map<string, Passage[]>();
  for (const zone of zoneIds) {
    const d = distance.get(zone);
    routes.set(zone, d === undefined ? [] : passages.filter((p) => p.from === zone && distance.get(p.to) === d - 1));
  }
  return routes;
}

/** Heavy-tailed stand popularity: a few stars, a long tail, and about one stand in twelve nobody scans at. */
function standPlansOf(venue: Pick<Venue, 'stands'>, seed: number): StandPlan[] {
  const random = mulberry32(deriveSeed(seed, 'stands'));
  return venue.stands.map((stand) => {
    const dead = random() < 0.08;
    const popularity = dead ? 0 : Math.exp(1.1 * normal(random));
    return { id: stand.id, zone: stand.zone, popularity };
  });
}

/** Derives the plan of the model from a venue and the options; pure. */
export function createVenuePlan(venue: Venue, options: ModelOptions = {}): VenuePlan {
  const zoneIds = venue.zones.map((z) => z.id);
  const passages = passagesOf(venue);
  const passagesFrom = new Map<string | null, Passage[]>();
  for (const p of passages) passagesFrom.set(p.from, [...(passagesFrom.get(p.from) ?? []), p]);
  const stands = standPlansOf(venue, options.seed ?? 1);
  const standsByZone = new Map<string, StandPlan[]>();
  for (const s of stands) standsByZone.set(s.zone, [...(standsByZone.get(s.zone) ?? []), s]);

  const meanVisitMinutes = options.meanVisitMinutes ?? 100;
  // Little's law: inside = arrival rate x stay. Aim for about half the visitor capacity at a weekday
  // peak, so that weekend evenings and shows push zones into busy and crowded.
  const visitorCapacity = venue.zones.filter((z) => z.kind !== 'service').reduce((sum, z) => sum + z.capacity, 0);
  const peakArrivalsPerMinute = options.peakArrivalsPerMinute ?? (0.5 * visitorCapacity) / meanVisitMinutes;
  const hours = openingMinutesOf(venue);
  const weekdayVisitors = 0.7 * peakArrivalsPerMinute * (hours.close - hours.open);

  return {
    hours,
    weekday: options.weekday ?? 2,
    zoneIds,
    gateIds: venue.gates.map((g) => g.id),
    kinds: new Map(venue.zones.map((z) => [z.id, z.kind])),
    capacity: new Map(venue.zones.map((z) => [z.id, z.capacity])),
    passagesFrom,
    exitRoutes: exitRoutesOf(zoneIds, passages),
    stands,
    standsByZone,
    shows: options.shows ?? DEFAULT_SHOWS,
    seminars: options.seminars ?? DEFAULT_SEMINARS,
    meanVisitMinutes,
    peakArrivalsPerMinute,
    checkinsPerVisitorMinute: options.checkinsPerVisitorMinute ?? 0.06,
    badgePoolSize: Math.min(900_000, Math.max(500, Math.round(options.badgePoolSize ?? 1.5 * weekdayVisitors))),
  };
}
