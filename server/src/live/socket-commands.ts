import type { CommandAck } from '@fairwatch/protocol';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import type { Actor } from '../services/actor.ts';
import type { FairwatchSocket } from './socket-server.ts';

/** The signed-in staff member behind a socket, for the services. */
export function socketActor(socket: FairwatchSocket): Actor {
  return { username: socket.data.username, role: socket.data.role, via: 'socket' };
}

/**
 * Runs a service call for a socket command and answers its acknowledgement: `{ data }`, the service's
 * refusal as `{ error: { code, message } }`, or `unavailable` (logged) for anything else.
 */
export async function answerCommand<T>(ack: CommandAck<T>, call: () => Promise<T>, logger: Logger, command: string, unavailable: string): Promise<void> {
  try {
    ack({ data: await call() });
  } catch (error) {
    if (error instanceof ApiError) return ack({ error: { code: error.code, message: error.message } });
    logger.warn({ err: String(error) }, `${command} failed`);
    ack({ error: { code: 'unavailable', message: unavailable } });
  }
}
