import Router from '@koa/router';
import { CloseGateRequest, WhatIfRequest, type GateClosureState, type Role, type WhatIfAnswer } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import type { GateClosure } from '../domain/crowd-safety.ts';
import { venueDay } from '@fairwatch/venue/venue-time';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { FiguresFeed } from '../live/figures-feed.ts';
import type { Store } from '../store/store.ts';
import type { RouteDeps } from './context.ts';

/** Roles that may close and reopen gates for real. */
export const GATE_CLOSURE_ROLES: readonly Role[] = ['operations', 'admin'];

function stateOf(gate: string, closure: GateClosure | undefined): GateClosureState {
  return closure
    ? { gate, closed: true, closedAt: closure.closedAt, by: closure.by, ...(closure.note ? { note: closure.note } : {}) }
    : { gate, closed: false, closedAt: null, by: null };
}

/**
 * Closes (`note` may say why) or reopens a gate for real. A repeat of the current state changes nothing
 * and answers it as it is (a retry), so only real changes are audited. Shared by the HTTP routes and the
 * `gate:close` / `gate:reopen` socket commands.
 */
export async function setGateClosed(
  deps: { store: Store; venue: Venue; feed: FiguresFeed },
  gateId: string,
  closed: boolean,
  by: string,
  at: Date,
  note?: string,
): Promise<{ state: GateClosureState; changed: boolean }> {
  if (!deps.venue.gates.some((gate) => gate.id === gateId)) throw new ApiError('not_found', `no gate "${gateId}"`);
  const current = (await deps.store.readFloor(venueDay(at, deps.venue.timezone), at.getTime())).closedGates?.[gateId];
  if (closed === (current !== undefined)) return { state: stateOf(gateId, current), changed: false };
  const closure: GateClosure | null = closed ? { gate: gateId, closedAt: at.toISOString(), by, ...(note ? { note } : {}) } : null;
  await deps.store.setGateClosure(gateId, closure);
  deps.feed.markDirty();
  return { state: stateOf(gateId, closure ?? undefined), changed: true };
}

/** The what-if answer: times to clear with `blocked` and the live closures, on the latest figures. */
export function whatIf(venue: Venue, feed: FiguresFeed, blocked: readonly string[], at: Date): WhatIfAnswer {
  const known = new Set(venue.gates.map((gate) => gate.id));
  const unknown = [...new Set(blocked)].filter((gate) => !known.has(gate));
  if (unknown.length) {
    throw new ApiError('unknown_reference', `unknown gate(s): ${unknown.join(', ')}`, unknown.map((gate) => ({ path: `blocked.${blocked.indexOf(gate)}`, message: `unknown gate "${gate}"` })));
  }
  const figures = feed.latest();
  if (!figures) throw new ApiError('unavailable', 'no live figures yet; try again in a moment', undefined, { 'Retry-After': '2' });
  const occupancy = Object.fromEntries(Object.entries(figures.zones).map(([zone, z]) => [zone, z.occupancy]));
  const live = feed.closedGates();
  const all = new Set([...live, ...blocked]);
  const safety = feed.crowdSafety;
  const planned = safety.egress(occupancy, all);
  const now = safety.egress(occupancy, live);
  const target = safety.settings.evacuationTargetMinutes;
  const network = safety.network(all);
  const zones: WhatIfAnswer['zones'] = {};
  network.zoneIds.forEach((zone, i) => {
    const minutes = planned.zones[zone] ?? null;
    // No way out is over any target; a zone without known widths is not judged.
    const overTarget = network.routed[i] === true && (minutes === null || minutes > target);
    zones[zone] = { timeToClearMin: minutes, liveMin: now.zones[zone] ?? null, overTarget };
  });
  return { at: at.toISOString(), blocked: [...all].sort(), floorMinutes: planned.floor, liveFloorMinutes: now.floor, targetMinutes: target, zones };
}

/**
 * Extensions of the contract (issue 18): `POST /api/v1/egress/what-if { blocked }` (any staff role, a
 * planning question that changes nothing) and `POST /api/v1/gates/:id/close { note? }` /
 * `POST /api/v1/gates/:id/reopen` (operations, admin; audited).
 */
export function egressRoutes({ store, venue, credentials, sessions, audit, feed, now }: RouteDeps): Router {
  const router = new Router();
  const staff = requireStaff(sessions, credentials);
  const operations = requireStaff(sessions, credentials, GATE_CLOSURE_ROLES);

  router.post('/api/v1/egress/what-if', staff, async (ctx) => {
    const { blocked } = await readBody(ctx, WhatIfRequest);
    await feed.current(); // the answer reflects what the store holds now
    ctx.body = whatIf(venue, feed, blocked, now());
  });

  router.post('/api/v1/gates/:id/close', operations, async (ctx) => {
    const { note } = await readBody(ctx, CloseGateRequest);
    const by = sessionOf(ctx).username;
    const { state, changed } = await setGateClosed({ store, venue, feed }, ctx.params.id ?? '', true, by, now(), note);
    if (changed) audit(ctx, { by, action: 'gate.close', gate: state.gate, ...(note ? { note } : {}) });
    ctx.body = state;
  });

  router.post('/api/v1/gates/:id/reopen', operations, async (ctx) => {
    const by = sessionOf(ctx).username;
    const { state, changed } = await setGateClosed({ store, venue, feed }, ctx.params.id ?? '', false, by, now());
    if (changed) audit(ctx, { by, action: 'gate.reopen', gate: state.gate });
    ctx.body = state;
  });
  return router;
}
