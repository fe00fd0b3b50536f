import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import type { SessionDirectory } from '../auth/session-directory.ts';
import type { FiguresFeed } from './figures-feed.ts';

export type FairwatchIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Every signed-in staff socket is in this room and gets every delta and incident. */
export const STAFF_ROOM = 'staff';

/**
 * The Socket.IO adapter: token auth at the handshake, a snapshot on connect, `resync` on demand.
 * Deltas and incidents are pushed to the staff room by the app's wiring.
 */
export function createSocketServer(http: HttpServer, sessions: SessionDirectory, feed: FiguresFeed, logger: Logger): FairwatchIo {
  const io: FairwatchIo = new Server(http, {
    serveClient: false,
    // Deltas are small and frequent: compressing each costs more CPU than it saves on a LAN.
    perMessageDeflate: false,
    maxHttpBufferSize: 64 * 1024,
  });

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      const session = typeof token === 'string' && token ? await sessions.find(token) : null;
      if (!session) return next(new Error('unauthorized'));
      socket.data.username = session.username;
      socket.data.role = session.role;
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });

  io.on('connection', async (socket) => {
    try {
      const snapshot = await feed.current().catch(() => feed.latest());
      if (!snapshot || socket.disconnected) return;
      // No await between sending the snapshot and joining: no delta can slip in between.
      socket.emit('snapshot', snapshot);
      socket.join(STAFF_ROOM);
      if (feed.paused) socket.emit('feed:paused', { since: feed.paused.toISOString() });
    } catch (error) {
      logger.warn({ err: String(error) }, 'could not send the snapshot');
    }
    socket.on('resync', async (ack) => {
      if (typeof ack !== 'function') return;
      const snapshot = await feed.current().catch(() => feed.latest());
      if (snapshot) ack(snapshot);
    });
  });
  return io;
}
