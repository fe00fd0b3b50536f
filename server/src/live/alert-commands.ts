import type { Alert, CommandAck } from '@fairwatch/protocol';
import { AcknowledgeAlert } from '@fairwatch/protocol';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import { acknowledgeAlert } from '../routes/alerts.routes.ts';
import { RESPONDERS } from '../routes/incidents.routes.ts';
import type { Store } from '../store/store.ts';
import type { FairwatchIo } from './socket-server.ts';

/**
 * The `alert:acknowledge` command on every socket: answered through the acknowledgement with
 * `{ data: alert }` or `{ error: { code, message } }`, never an exception's text.
 */
export function handleAlertCommands(io: FairwatchIo, store: Store, logger: Logger, now: () => Date): void {
  io.on('connection', (socket) => {
    socket.on('alert:acknowledge', async (command: unknown, ack: CommandAck<Alert>) => {
      if (typeof ack !== 'function') return;
      const parsed = AcknowledgeAlert.safeParse(command);
      if (!parsed.success) return ack({ error: { code: 'invalid_request', message: 'expected { id }' } });
      const { username, role } = socket.data;
      if (!RESPONDERS.includes(role)) return ack({ error: { code: 'forbidden', message: `the ${role} role may not do this` } });
      try {
        const { alert, changed } = await acknowledgeAlert(store, parsed.data.id, username, now());
        if (changed) {
          const entry = { at: now().toISOString(), by: username, action: 'alert.acknowledge', alert: alert.id, zone: alert.zone, via: 'socket' };
          logger.info({ audit: entry }, 'audit');
          store.appendAudit(entry).catch(() => undefined);
        }
        ack({ data: alert });
      } catch (error) {
        if (error instanceof ApiError) return ack({ error: { code: error.code, message: error.message } });
        logger.warn({ err: String(error) }, 'alert:acknowledge failed');
        ack({ error: { code: 'unavailable', message: 'the alert could not be acknowledged now; try again' } });
      }
    });
  });
}
