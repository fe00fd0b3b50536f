import Router from '@koa/router';
import { FLOOR_ROLES, type FieldGate, type FieldGates, type FieldStand, type Snapshot } from '@fairwatch/protocol';
import { principalOfState, requireDeviceOrStaff } from '../http/auth.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

/** Who may read a gate's figures besides devices for that gate: stewards, and whoever sees the floor. */
const GATE_READERS = ['steward', ...FLOOR_ROLES] as const;

/**
 * What the phones on the floor read (issue 17): a tally counter its gates' figures, a stand scanner its
 * stand's. A device key reads only what it may report for; a steward reads every gate. Figures come
 * from the feed's current snapshot, the same ones the control room sees.
 */
export function fieldRoutes({ credentials, sessions, venue, feed }: RouteDeps): Router {
  const router = new Router();
  const zones = new Map(venue.zones.map((zone) => [zone.id, zone]));
  const stands = new Map(venue.stands.map((stand) => [stand.id, stand]));

  const gateOf = (gate: (typeof venue.gates)[number], snapshot: Snapshot): FieldGate => {
    const figures = snapshot.gates[gate.id];
    // The zone `in` leads into: where the steward's count changes the level.
    const zone = zones.get(gate.to ?? gate.from ?? '');
    const zoneFigures = zone && snapshot.zones[zone.id];
    return {
      id: gate.id,
      name: gate.name,
      inToday: figures?.inToday ?? 0,
      outToday: figures?.outToday ?? 0,
      lastReportAt: figures?.lastReportAt ?? null,
      zone: zone && zoneFigures ? { id: zone.id, name: zone.name, occupancy: zoneFigures.occupancy, level: zoneFigures.level } : null,
    };
  };

  router.get('/api/v1/field/gates', requireDeviceOrStaff(sessions, credentials, GATE_READERS), async (ctx) => {
    const principal = principalOfState(ctx);
    const scope = principal.kind === 'device' ? principal.device.gates : null;
    const snapshot = await feed.current();
    const body: FieldGates = { at: snapshot.at, timezone: venue.timezone, gates: venue.gates.filter((gate) => !scope || scope.has(gate.id)).map((gate) => gateOf(gate, snapshot)) };
    ctx.body = body;
  });

  router.get('/api/v1/field/stands/:stand', requireDeviceOrStaff(sessions, credentials, FLOOR_ROLES), async (ctx) => {
    const stand = stands.get(ctx.params.stand ?? '');
    if (!stand) throw new ApiError('not_found', `unknown stand "${ctx.params.stand}"`);
    const principal = principalOfState(ctx);
    if (principal.kind === 'device' && principal.device.stands && !principal.device.stands.has(stand.id)) {
      throw new ApiError('forbidden', `this device key is not for stand "${stand.id}"`);
    }
    const snapshot = await feed.current();
    const figures = snapshot.stands[stand.id];
    const body: FieldStand = {
      at: snapshot.at,
      timezone: venue.timezone,
      id: stand.id,
      name: stand.name,
      checkinsToday: figures?.checkinsToday ?? 0,
      checkinsLast15m: figures?.checkinsLast15m ?? 0,
      repeatsToday: figures?.repeatsToday ?? 0,
    };
    ctx.body = body;
  });

  return router;
}
