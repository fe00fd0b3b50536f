import type { GateClosureState, WhatIfAnswer } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import type { GateClosure } from '../domain/crowd-safety.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { ApiError } from '../http/errors.ts';
import type { FiguresFeed } from '../live/figures-feed.ts';
import type { FloorRepository } from '../store/store.ts';
import { GATE_CLOSURE_ROLES, requireRole, type Actor } from './actor.ts';
import type { AuditTrail } from './audit-trail.ts';

function stateOf(gate: string, closure: GateClosure | undefined): GateClosureState {
  return closure
    ? { gate, closed: true, closedAt: closure.closedAt, by: closure.by, ...(closure.note ? { note: closure.note } : {}) }
    : { gate, closed: false, closedAt: null, by: null };
}

export interface GateServiceDeps {
  store: FloorRepository;
  /** The venue served now (issue 16: it changes with each published version). */
  venue: () => Venue;
  feed: FiguresFeed;
  audit: AuditTrail;
  now: () => Date;
}

/** Gates closed for real, and the what-if of blocked exits (issue 18): HTTP routes and socket commands. */
export class GateService {
  constructor(private readonly deps: GateServiceDeps) {}

  /**
   * Closes (`note` may say why) or reopens a gate for real. A repeat of the current state changes nothing
   * and answers it as it is (a retry), so only real changes are audited.
   */
  async setClosed(actor: Actor, gateId: string, closed: boolean, note?: string): Promise<GateClosureState> {
    requireRole(actor, GATE_CLOSURE_ROLES);
    const { store, feed, audit, now } = this.deps;
    const venue = this.deps.venue();
    if (!venue.gates.some((gate) => gate.id === gateId)) throw new ApiError('not_found', `no gate "${gateId}"`);
    const at = now();
    const current = (await store.readFloor(venueDay(at, venue.timezone), at.getTime())).closedGates?.[gateId];
    if (closed === (current !== undefined)) return stateOf(gateId, current);
    const closure: GateClosure | null = closed ? { gate: gateId, closedAt: at.toISOString(), by: actor.username, ...(note ? { note } : {}) } : null;
    await store.setGateClosure(gateId, closure);
    feed.markDirty();
    audit.record(actor, closed ? 'gate.close' : 'gate.reopen', { gate: gateId, ...(note ? { note } : {}) });
    return stateOf(gateId, closure ?? undefined);
  }

  /** The times to clear with `blocked` and the live closures, on what the store holds now: a question that changes nothing. */
  async whatIf(blocked: readonly string[]): Promise<WhatIfAnswer> {
    const { feed, now } = this.deps;
    const venue = this.deps.venue();
    const known = new Set(venue.gates.map((gate) => gate.id));
    const unknown = [...new Set(blocked)].filter((gate) => !known.has(gate));
    if (unknown.length) {
      throw new ApiError('unknown_reference', `unknown gate(s): ${unknown.join(', ')}`, unknown.map((gate) => ({ path: `blocked.${blocked.indexOf(gate)}`, message: `unknown gate "${gate}"` })));
    }
    await feed.current();
    const figures = feed.latest();
    if (!figures) throw new ApiError('unavailable', 'no live figures yet; try again in a moment', undefined, { 'Retry-After': '2' });
    const occupancy = Object.fromEntries(Object.entries(figures.zones).map(([zone, z]) => [zone, z.occupancy]));
    const live = feed.closedGates();
    const all = new Set([...live, ...blocked]);
    const safety = feed.crowdSafety;
    const planned = safety.egress(occupancy, all);
    const current = safety.egress(occupancy, live);
    const target = safety.settings.evacuationTargetMinutes;
    const network = safety.network(all);
    const zones: WhatIfAnswer['zones'] = {};
    network.zoneIds.forEach((zone, i) => {
      const minutes = planned.zones[zone] ?? null;
      // No way out is over any target; a zone without known widths is not judged.
      const overTarget = network.routed[i] === true && (minutes === null || minutes > target);
      zones[zone] = { timeToClearMin: minutes, liveMin: current.zones[zone] ?? null, overTarget };
    });
    return { at: now().toISOString(), blocked: [...all].sort(), floorMinutes: planned.floor, liveFloorMinutes: current.floor, targetMinutes: target, zones };
  }
}
