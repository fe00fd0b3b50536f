import { GateCloseCommand, GateReopenCommand, type CommandAck, type GateClosureState } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiError } from '../http/errors.ts';
import type { Logger } from '../log.ts';
import { GATE_CLOSURE_ROLES, setGateClosed } from '../routes/egress.routes.ts';
import type { Store } from '../store/store.ts';
import type { FiguresFeed } from './figures-feed.ts';
import type { FairwatchIo } from './socket-server.ts';

/**
 * The `gate:close` and `gate:reopen` commands (issue 18) on every socket, answered through the
 * acknowledgement with `{ data }` or `{ error: { code, message } }`; real changes are audited.
 */
export function handleGateCommands(io: FairwatchIo, deps: { store: Store; venue: Venue; feed: FiguresFeed }, logger: Logger, now: () => Date): void {
  io.on('connection', (socket) => {
    const run = async (closed: boolean, command: unknown, ack: CommandAck<GateClosureState>) => {
      if (typeof ack !== 'function') return;
      const parsed = (closed ? GateCloseCommand : GateReopenCommand).safeParse(command);
      if (!parsed.success) return ack({ error: { code: 'invalid_request', message: closed ? 'expected { gate, note? }' : 'expected { gate }' } });
      const { username, role } = socket.data;
      if (!GATE_CLOSURE_ROLES.includes(role)) return ack({ error: { code: 'forbidden', message: `the ${role} role may not do this` } });
      const note = 'note' in parsed.data ? (parsed.data.note as string | undefined) : undefined;
      try {
        const { state, changed } = await setGateClosed(deps, parsed.data.gate, closed, username, now(), note);
        if (changed) {
          const entry = { at: now().toISOString(), by: username, action: closed ? 'gate.close' : 'gate.reopen', gate: state.gate, ...(note ? { note } : {}), via: 'socket' };
          logger.info({ audit: entry }, 'audit');
          deps.store.appendAudit(entry).catch(() => undefined);
        }
        ack({ data: state });
      } catch (error) {
        if (error instanceof ApiError) return ack({ error: { code: error.code, message: error.message } });
        logger.warn({ err: String(error) }, `gate:${closed ? 'close' : 'reopen'} failed`);
        ack({ error: { code: 'unavailable', message: 'the gate could not be changed now; try again' } });
      }
    };
    socket.on('gate:close', (command: unknown, ack: CommandAck<GateClosureState>) => void run(true, command, ack));
    socket.on('gate:reopen', (command: unknown, ack: CommandAck<GateClosureState>) => void run(false, command, ack));
  });
}
