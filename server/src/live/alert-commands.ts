import type { Alert, CommandAck } from '@fairwatch/protocol';
import { AcknowledgeAlert } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import type { AlertService } from '../services/alert-service.ts';
import { answerCommand, socketActor } from './socket-commands.ts';
import type { FairwatchIo } from './socket-server.ts';

/**
 * The `alert:acknowledge` command on every socket (services/alert-service.ts): answered through the
 * acknowledgement with `{ data: alert }` or `{ error: { code, message } }`, never an exception's text.
 */
export function handleAlertCommands(io: FairwatchIo, alerts: AlertService, logger: Logger): void {
  io.on('connection', (socket) => {
    socket.on('alert:acknowledge', async (command: unknown, ack: CommandAck<Alert>) => {
      if (typeof ack !== 'function') return;
      const parsed = AcknowledgeAlert.safeParse(command);
      if (!parsed.success) return ack({ error: { code: 'invalid_request', message: 'expected { id }' } });
      await answerCommand(ack, () => alerts.acknowledge(socketActor(socket), parsed.data.id), logger, 'alert:acknowledge', 'the alert could not be acknowledged now; try again');
    });
  });
}
