import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Venue } from '@fairwatch/venue';
import { DeviceAccount } from '../auth/accounts-file.ts';
import { hashSecret, randomSecret } from '../auth/secrets.ts';
import { fieldPageOf, provisioningLink, type ProvisioningTarget } from '../cli/provisioning.ts';
import { listedDevice, MAX_DEVICES } from '../domain/account-admin.ts';
import { DeviceHealthBook } from '../domain/device-health.ts';
import { requireStaff, sessionOf } from '../http/auth.ts';
import { readBody } from '../http/body.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

const Scope = z.union([z.literal('*'), z.array(z.string().min(1).max(128)).max(1_000)]);
const NewDevice = z.object({ id: DeviceAccount.shape.id, gates: Scope.optional(), stands: Scope.optional() }).strict();

export type DeviceRouteDeps = Pick<RouteDeps, 'store' | 'credentials' | 'sessions' | 'audit'> & { venue: () => Venue; deviceHealth?: DeviceHealthBook };

/** The link on the address the admin reached this server at (a Host header that makes no URL: none). */
function linkFor(ctx: Context, key: string, target: ProvisioningTarget): string | null {
  try {
    return provisioningLink(`${ctx.protocol}://${ctx.get('host')}`, key, target);
  } catch {
    return null;
  }
}

/** Scope entries the venue served now does not have, as error details. */
function unknownScope(device: Pick<DeviceAccount, 'gates' | 'stands'>, venue: Venue) {
  const known = { gates: new Set(venue.gates.map((gate) => gate.id)), stands: new Set(venue.stands.map((stand) => stand.id)) };
  const details: Array<{ path: string; message: string }> = [];
  for (const kind of ['gates', 'stands'] as const) {
    const scope = device[kind];
    if (Array.isArray(scope)) scope.forEach((id, i) => known[kind].has(id) || details.push({ path: `${kind}.${i}`, message: `the venue has no ${kind === 'gates' ? 'gate' : 'stand'} "${id}"` }));
  }
  return details;
}

/**
 * Device keys (issue 16, admin only), in the store: a key is shown once, with the provisioning link a
 * phone opens (the `pnpm accounts --url` link, shown as a QR code). A new or revoked key holds or is
 * refused at once on every instance (the store's bus; credentials read a missing id from the store).
 */
export function adminDeviceRoutes({ store, credentials, sessions, audit, venue, deviceHealth }: DeviceRouteDeps): Router {
  const router = new Router();
  const admin = requireStaff(sessions, credentials, ['admin']);
  const accounts = store.accounts;
  const health = deviceHealth ?? new DeviceHealthBook();
  const applied = async () => {
    credentials.invalidate?.();
    await credentials.settled?.();
  };

  /** A new key for `device`, stored; the answer shows it once with its link. */
  const issue = async (ctx: Context, device: Pick<DeviceAccount, 'id' | 'gates' | 'stands' | 'signingSecret'>, onlyIfAbsent: boolean) => {
    const key = `${device.id}.${randomSecret()}`;
    const stored: DeviceAccount = { ...device, keyHash: await hashSecret(key) };
    if (!(await accounts.putDevice(stored, { onlyIfAbsent }))) throw new ApiError('exists', `a device "${device.id}" exists`, [{ path: 'id', message: 'taken' }]);
    await applied();
    const target = fieldPageOf(device.gates, device.stands);
    // The key travels in the link's #fragment: it never reaches a server log (provisioning.ts).
    return { id: device.id, key, provisioningUrl: target ? linkFor(ctx, key, target) : null };
  };

  router.get('/api/v1/admin/devices', admin, async (ctx) => {
    const lastReport = new Map(health.devices().map((record) => [record.id, record.lastReportMs]));
    const devices = (await accounts.listDevices()).sort((a, b) => a.id.localeCompare(b.id));
    ctx.body = { devices: devices.map((device) => listedDevice(device, lastReport.get(device.id))) };
  });

  router.post('/api/v1/admin/devices', admin, async (ctx) => {
    const body = await readBody(ctx, NewDevice);
    const details = unknownScope(body, venue());
    if (details.length) throw new ApiError('invalid_request', 'the scope names gates or stands the venue does not have', details);
    if ((await accounts.listDevices()).length >= MAX_DEVICES) throw new ApiError('conflict', `the store holds ${MAX_DEVICES} devices already`);
    const answer = await issue(ctx, { id: body.id, ...(body.gates !== undefined && { gates: body.gates }), ...(body.stands !== undefined && { stands: body.stands }) }, true);
    audit(ctx, { by: sessionOf(ctx).username, action: 'device.add', device: body.id, gates: body.gates ?? [], stands: body.stands ?? [] });
    ctx.status = 201;
    ctx.body = answer;
  });

  router.post('/api/v1/admin/devices/:id/rotate', admin, async (ctx) => {
    const id = String(ctx.params.id ?? '').slice(0, 64);
    const device = await accounts.getDevice(id);
    if (!device) throw new ApiError('not_found', `no device "${id}"`);
    const { keyHash: _old, ...rest } = device;
    const answer = await issue(ctx, rest, false);
    audit(ctx, { by: sessionOf(ctx).username, action: 'device.rotate', device: id });
    ctx.body = answer;
  });

  router.delete('/api/v1/admin/devices/:id', admin, async (ctx) => {
    const id = String(ctx.params.id ?? '').slice(0, 64);
    if (!(await accounts.deleteDevice(id))) throw new ApiError('not_found', `no device "${id}"`);
    await applied();
    audit(ctx, { by: sessionOf(ctx).username, action: 'device.remove', device: id });
    ctx.status = 204;
  });

  return router;
}
