import { GateCloseCommand, GateReopenCommand, type CommandAck, type GateClosureState } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import type { GateService } from '../services/gate-service.ts';
import { answerCommand, socketActor } from './socket-commands.ts';
import type { FairwatchIo } from './socket-server.ts';

/**
 * The `gate:close` and `gate:reopen` commands (issue 18) on every socket (services/gate-service.ts),
 * answered through the acknowledgement with `{ data }` or `{ error: { code, message } }`.
 */
export function handleGateCommands(io: FairwatchIo, gates: GateService, logger: Logger): void {
  io.on('connection', (socket) => {
    const run = async (closed: boolean, command: unknown, ack: CommandAck<GateClosureState>) => {
      if (typeof ack !== 'function') return;
      const parsed = (closed ? GateCloseCommand : GateReopenCommand).safeParse(command);
      if (!parsed.success) return ack({ error: { code: 'invalid_request', message: closed ? 'expected { gate, note? }' : 'expected { gate }' } });
      const note = 'note' in parsed.data ? (parsed.data.note as string | undefined) : undefined;
      await answerCommand(ack, () => gates.setClosed(socketActor(socket), parsed.data.gate, closed, note), logger, `gate:${closed ? 'close' : 'reopen'}`, 'the gate could not be changed now; try again');
    };
    socket.on('gate:close', (command: unknown, ack: CommandAck<GateClosureState>) => void run(true, command, ack));
    socket.on('gate:reopen', (command: unknown, ack: CommandAck<GateClosureState>) => void run(false, command, ack));
  });
}
