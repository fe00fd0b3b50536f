import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import type { SessionDirectory } from '../auth/session-directory.ts';
import { digestOf } from '../auth/secrets.ts';
import { originAllowed } from '../http/origin-check.ts';
import { EventBudget } from './event-budget.ts';
import type { FiguresFeed } from './figures-feed.ts';

export type FairwatchIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Every signed-in staff socket is in this room and gets every delta and incident. */
export const STAFF_ROOM = 'staff';

/** Each socket is also in the room of its role, for what only some roles may see. */
export function roleRoom(role: string): string {
  return `role:${role}`;
}

/** Disconnects this instance's sockets that match (a revoked session, a removed user). */
export function disconnectSockets(io: FairwatchIo, matches: (data: Partial<SocketData>) => boolean): number {
  let count = 0;
  for (const socket of io.of('/').sockets.values()) {
    if (matches(socket.data)) {
      socket.disconnect(true);
      count++;
    }
  }
  return count;
}

/**
 * The Socket.IO adapter: token auth at the handshake, a snapshot on connect, `resync` on demand.
 * Deltas and incidents are pushed to the staff room by the app's wiring.
 */
export interface SocketOptions {
  /** Origins besides this server's own that browsers may open a socket from. */
  allowedOrigins: readonly string[];
  /** Client events one socket may send per 10 s (`resync`...); beyond it they are ignored. */
  eventsPer10s: number;
}

export function createSocketServer(http: HttpServer, sessions: SessionDirectory, feed: FiguresFeed, logger: Logger, options: SocketOptions): FairwatchIo {
  const io: FairwatchIo = new Server(http, {
    serveClient: false,
    // Deltas are small and frequent: compressing each costs more CPU than it saves on a LAN.
    perMessageDeflate: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (request, callback) => {
      const allowed = originAllowed(request, options.allowedOrigins);
      if (!allowed) logger.warn({ origin: request.headers.origin }, 'refused a socket from another origin');
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      const session = typeof token === 'string' && token ? await sessions.find(token) : null;
      if (!session) return next(new Error('unauthorized'));
      socket.data.username = session.username;
      socket.data.role = session.role;
      socket.data.tokenDigest = digestOf(token as string);
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
      socket.join([STAFF_ROOM, roleRoom(socket.data.role)]);
      if (feed.paused) socket.emit('feed:paused', { since: feed.paused.toISOString() });
    } catch (error) {
      logger.warn({ err: String(error) }, 'could not send the snapshot');
    }
    const budget = new EventBudget(options.eventsPer10s, 10_000);
    socket.use((_packet, next) => {
      if (budget.take()) return next();
      if (budget.overdrawn > options.eventsPer10s * 5) socket.disconnect(true); // a flood, not a bug
    });
    socket.on('resync', async (ack) => {
      if (typeof ack !== 'function') return;
      const snapshot = await feed.current().catch(() => feed.latest());
      if (snapshot) ack(snapshot);
    });
  });
  return io;
}
