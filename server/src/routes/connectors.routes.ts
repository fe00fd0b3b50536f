import Router from '@koa/router';
import type { Context, Next } from 'koa';
import type { Connectors } from '../connectors/connectors.ts';
import { transportOf } from '../connectors/devices-file.ts';
import { deviceOf, requireDevice } from '../http/auth.ts';
import { readText } from '../http/body.ts';
import { checkDeviceSignature } from '../http/device-signature.ts';
import { ApiError } from '../http/errors.ts';
import type { RouteDeps } from './context.ts';

/**
 * Cameras that can only be given a user name and password (Hikvision's alarm host, many others):
 * HTTP Basic with the device key as the password is taken as `Bearer <key>`.
 */
async function basicAsBearer(ctx: Context, next: Next): Promise<void> {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})$/i.exec(ctx.get('authorization'));
  if (match) {
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const key = decoded.slice(decoded.indexOf(':') + 1);
    if (key) ctx.request.headers.authorization = `Bearer ${key}`;
  }
  await next();
}

/**
 * `POST /api/v1/connectors/:device`: a vendor counter (Xovis, Hikvision, the generic webhook) pushes
 * its own payload; the devices file says how to read it and which gate each of its lines counts for.
 * Authorised by a device key for that device (its id), or one valid for every gate.
 */
export function connectorRoutes(deps: RouteDeps & { connectors: Connectors }): Router {
  const { connectors, credentials, sessions, now } = deps;
  const router = new Router();
  router.post('/api/v1/connectors/:device', basicAsBearer, requireDevice(sessions, credentials), async (ctx) => {
    const device = connectors.devices.get(ctx.params.device!);
    if (!device) {
      deps.logger.warn({ device: ctx.params.device }, 'push from a device the devices file does not list');
      throw new ApiError('not_found', `no device "${String(ctx.params.device).slice(0, 64)}" in the devices file`);
    }
    const transport = transportOf(device);
    if (transport !== 'http') throw new ApiError('not_found', `${device.id} is ${transport === 'mqtt' ? 'subscribed on MQTT' : 'polled'}, not pushed`);
    const reporter = deviceOf(ctx);
    if (reporter.gates !== null && reporter.id !== device.id) throw new ApiError('forbidden', `this device key is for ${reporter.id}, not ${device.id}`);
    const outOfScope = Object.values(device.lines).map((line) => line.gate).filter((gate) => reporter.gates !== null && !reporter.gates.has(gate));
    if (outOfScope.length) throw new ApiError('forbidden', `this device key is not for gate(s) ${[...new Set(outOfScope)].join(', ')}`);
    const text = await readText(ctx);
    checkDeviceSignature(ctx, reporter, now().getTime());
    // Vendors' HTTP clients expect 200 OK; the body says what was counted.
    ctx.body = await connectors.receive(device, text);
  });
  return router;
}
