import { ServerResponse, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@fairwatch/protocol';
import { FLOOR_ROLES } from '@fairwatch/protocol';
import type { Logger } from '../log.ts';
import type { SessionDirectory } from '../auth/session-directory.ts';
import { digestOf } from '../auth/secrets.ts';
import { originAllowed } from '../http/origin-check.ts';
import { TRUST_NO_PROXY, type TrustProxy } from '../http/client-address.ts';
import { EventBudget } from './event-budget.ts';
import type { FiguresFeed } from './figures-feed.ts';

export type FairwatchIo = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type FairwatchSocket = Parameters<Parameters<FairwatchIo['on']>[1]>[0];

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
 * Socket.IO's parser, except that a `snapshot` event whose snapshot is a frozen object (the one that the
 * sockets connecting at a seq share, `FiguresFeed.published`) is serialised once, not once per socket
 * (8.5 kB of JSON for the Fes fair): a connection storm allocates about 30% less per socket, which keeps
 * the heap that the connected sockets leave behind smaller. Frozen: it cannot have changed since.
 */
class SnapshotEncoder extends Encoder {
  #snapshot: object | null = null;
  #encoded: ReturnType<Encoder['encode']> = [];

  override encode(packet: Packet): ReturnType<Encoder['encode']> {
    const data: unknown = packet.data;
    const snapshot = Array.isArray(data) && data.length === 2 && data[0] === 'snapshot' ? data[1] : null;
    if (packet.type !== PacketType.EVENT || packet.id !== undefined || packet.nsp !== '/' || typeof snapshot !== 'object' || snapshot === null || !Object.isFrozen(snapshot)) return super.encode(packet);
    if (snapshot !== this.#snapshot) {
      this.#encoded = super.encode(packet);
      this.#snapshot = snapshot;
    }
    return this.#encoded;
  }
}

/**
 * engine.io keeps the HTTP request that opened a connection for as long as the connection lives
 * (`socket.conn.request`, and, for a WebSocket, `req` of the stand-in response that it makes for
 * engine middlewares, which the TCP socket's close listener holds). Nothing here reads it after the
 * handshake: `socket.handshake` (auth, headers, address, url, query) is built before `connection`. Let
 * go of both references, as Socket.IO's performance notes suggest for the first one: about 0.85 kB less
 * heap per connected socket. Returns what to call with `socket.conn` on `connection`.
 */
function forgetHandshakeRequests(io: FairwatchIo): (conn: unknown) => void {
  const upgradeResponses = new WeakMap<IncomingMessage, { req?: unknown }>();
  io.engine.use((req: IncomingMessage, res: unknown, next: () => void) => {
    // Polling requests get a real ServerResponse, which Node itself needs: only WebSocket upgrades.
    if (typeof res === 'object' && res !== null && !(res instanceof ServerResponse)) upgradeResponses.set(req, res);
    next();
  });
  return (conn) => {
    const engineSocket = conn as { request?: IncomingMessage | null };
    const request = engineSocket.request;
    if (!request) return;
    const response = upgradeResponses.get(request);
    if (response?.req === request) response.req = null;
    upgradeResponses.delete(request);
    engineSocket.request = null;
  };
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
  /** Whose X-Forwarded-Host counts for the origin check (TRUST_PROXY). */
  trustProxy?: TrustProxy;
}

/**
 * Closes the sockets whose session no longer holds: expired, or the account changed or went since
 * sign-in (the token is checked only at the handshake, so without this a socket would be served on).
 */
export function closeLapsedSockets(io: FairwatchIo, sessions: SessionDirectory): number {
  return disconnectSockets(io, (data) => data.username !== undefined && !sessions.holds({ username: data.username, expiresAt: data.expiresAt ?? 0, account: data.account }));
}

export function createSocketServer(http: HttpServer, sessions: SessionDirectory, feed: FiguresFeed, logger: Logger, options: SocketOptions): FairwatchIo {
  const trust = options.trustProxy ?? TRUST_NO_PROXY;
  const io: FairwatchIo = new Server(http, {
    serveClient: false,
    parser: { Encoder: SnapshotEncoder, Decoder },
    // Deltas are small and frequent: compressing each costs more CPU than it saves on a LAN.
    perMessageDeflate: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (request, callback) => {
      const allowed = originAllowed(request, options.allowedOrigins, trust);
      if (!allowed) logger.warn({ origin: request.headers.origin }, 'refused a socket from another origin');
      callback(allowed ? null : 'origin not allowed', allowed);
    },
  });

  // Broadcasts go through the adapter as configured: an adapter of its own (@socket.io/redis-adapter)
  // or connection-state recovery would see every packet. (A fast path that wrote pre-built frames to
  // idle WebSockets, past the adapter, saved under 1 % of a core at TICK_MS 250: removed, issue 12.)
  const forgetRequest = forgetHandshakeRequests(io);

  io.use(async (socket, next) => {
    const token: unknown = socket.handshake.auth?.token;
    try {
      const session = typeof token === 'string' && token ? await sessions.find(token) : null;
      if (!session) return next(new Error('unauthorized'));
      // Stewards see their gates through the field routes, not the whole floor.
      if (!(FLOOR_ROLES as readonly string[]).includes(session.role)) return next(new Error('forbidden'));
      socket.data.username = session.username;
      socket.data.role = session.role;
      socket.data.tokenDigest = digestOf(token as string);
      socket.data.expiresAt = session.expiresAt;
      socket.data.account = session.account ?? '';
      next();
    } catch {
      next(new Error('unavailable'));
    }
  });

  io.on('connection', async (socket) => {
    forgetRequest(socket.conn);
    try {
      // While nothing is being written, the figures every socket already has (see `published`).
      const snapshot = feed.published() ?? (await feed.current().catch(() => feed.latest()));
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
