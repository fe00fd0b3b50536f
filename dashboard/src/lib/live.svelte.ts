import { io, type Socket } from 'socket.io-client';
import { applyDelta, type Alert, type ClientToServerEvents, type Delta, type Incident, type ServerToClientEvents, type Snapshot } from '@fairwatch/protocol';
import { judgeDelta } from './sequence.ts';

/** `paused`: connected, but the server cannot read its store (a Redis outage): figures are the last known. */
export type ConnectionState = 'connecting' | 'live' | 'paused' | 'offline';

export interface LiveFeedHandlers {
  /** The server refused the token: the session is over. */
  onUnauthorized(): void;
  /** An incident was created or changed. */
  onIncident(incident: Incident): void;
  /** Connected (first time or again): anything missed while offline should be fetched again. */
  onConnected(): void;
  /** A crowd-safety alert was raised or changed (the operations view). */
  onAlert?(alert: Alert, change: 'raised' | 'acknowledged' | 'updated' | 'cleared'): void;
  /** An admin published a new venue version (issue 16): the venue must be fetched again. */
  onVenueUpdated?(version: number): void;
}

const RESYNC_TIMEOUT_MS = 5_000;
/**
 * Losing the network must show within 5 s: Socket.IO notices only at its ping timeout (~45 s). The
 * browser's offline event covers a dropped radio; a short HTTP heartbeat covers a network that is up
 * but leads nowhere (any answer, even a 503, means the server is reachable).
 */
const HEARTBEAT_MS = 2_000;
const HEARTBEAT_TIMEOUT_MS = 1_500;

/**
 * The live figures of one signed-in session. The server sends a whole `snapshot` on every (re)connect,
 * then `delta`s numbered by `seq`; a delta is applied only onto the figures at `seq - 1`, so a lost or
 * reordered one is never half-applied: a gap asks for a fresh snapshot (`resync`) instead.
 */
export class LiveFeed {
  /** Replaced as a whole on every change (never mutated), so it need not be deeply reactive. */
  snapshot = $state.raw<Snapshot | null>(null);
  /** What the socket says; `connection` overrides it with what the browser and the heartbeat know. */
  #socketState = $state<ConnectionState>('connecting');
  #reachable = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  connection = $derived<ConnectionState>(this.#reachable ? this.#socketState : 'offline');

  #socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  #resyncing = false;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #probing = false;
  readonly #onOffline = () => (this.#reachable = false);
  readonly #onOnline = () => void this.#probe();

  constructor(token: string, handlers: LiveFeedHandlers) {
    window.addEventListener('offline', this.#onOffline);
    window.addEventListener('online', this.#onOnline);
    this.#heartbeat = setInterval(() => void this.#probe(), HEARTBEAT_MS);
    // WebSocket only: no long-polling fallback, so a proxy that breaks upgrades shows up as "offline".
    this.#socket = io({ auth: { token }, transports: ['websocket'] });
    this.#socket.on('connect', () => {
      this.#socketState = 'live';
      handlers.onConnected();
    });
    this.#socket.on('disconnect', (reason) => {
      this.#socketState = 'offline';
      this.#resyncing = false;
      // The client retries by itself except after a server-side disconnect; retry anyway; a revoked
      // token then comes back as connect_error "unauthorized".
      if (reason === 'io server disconnect') this.#socket.connect();
    });
    this.#socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') {
        this.close();
        handlers.onUnauthorized();
      } else {
        this.#socketState = 'offline';
      }
    });
    // Always taken as is, even with a lower seq: a restarted server numbers from scratch.
    this.#socket.on('snapshot', (snapshot) => {
      this.#resyncing = false;
      this.snapshot = snapshot;
    });
    this.#socket.on('delta', (delta) => this.#onDelta(delta));
    this.#socket.on('feed:paused', () => (this.#socketState = 'paused'));
    this.#socket.on('feed:resumed', () => (this.#socketState = 'live'));
    this.#socket.on('incident', (incident) => handlers.onIncident(incident));
    for (const change of ['raised', 'acknowledged', 'updated', 'cleared'] as const) {
      this.#socket.on(`alert:${change}`, (alert: Alert) => handlers.onAlert?.(alert, change));
    }
    this.#socket.on('venue:updated', ({ version }) => handlers.onVenueUpdated?.(version));
  }

  /** The `alert:acknowledge` command; resolves with the alert or rejects with the server's error message. */
  async acknowledgeAlert(id: string): Promise<Alert> {
    const answer = await this.#socket.timeout(RESYNC_TIMEOUT_MS).emitWithAck('alert:acknowledge', { id });
    if ('error' in answer) throw new Error(answer.error.message);
    return answer.data;
  }

  close(): void {
    clearInterval(this.#heartbeat);
    window.removeEventListener('offline', this.#onOffline);
    window.removeEventListener('online', this.#onOnline);
    this.#socket.removeAllListeners();
    this.#socket.disconnect();
  }

  /** One heartbeat: is the server reachable at all? Skipped while hidden (a phone in a pocket saves its battery). */
  async #probe(): Promise<void> {
    if (this.#probing || document.visibilityState === 'hidden') return;
    if (!navigator.onLine) {
      this.#reachable = false;
      return;
    }
    this.#probing = true;
    try {
      await fetch('/api/v1/health', { cache: 'no-store', signal: AbortSignal.timeout(HEARTBEAT_TIMEOUT_MS) });
      const wasUnreachable = !this.#reachable;
      this.#reachable = true;
      // Back: do not wait for Socket.IO's backoff to try again.
      if (wasUnreachable && !this.#socket.connected) this.#socket.connect();
    } catch {
      this.#reachable = false;
    } finally {
      this.#probing = false;
    }
  }

  #onDelta(delta: Delta): void {
    // Deltas received while a resync is pending are older than the snapshot it will bring.
    if (this.#resyncing) return;
    const verdict = judgeDelta(this.snapshot?.seq ?? null, delta.seq);
    if (verdict === 'apply' && this.snapshot) this.snapshot = applyDelta(this.snapshot, delta);
    else if (verdict === 'gap') this.#resync();
  }

  #resync(): void {
    this.#resyncing = true;
    this.#socket.timeout(RESYNC_TIMEOUT_MS).emit('resync', (error: Error | null, snapshot: Snapshot) => {
      this.#resyncing = false; // on a timeout, the next delta finds the gap and asks again
      // A slow answer must not roll back figures that a newer snapshot already brought.
      if (!error && (!this.snapshot || snapshot.seq >= this.snapshot.seq)) this.snapshot = snapshot;
    });
  }
}
