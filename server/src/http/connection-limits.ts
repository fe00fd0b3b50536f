import type { Server } from 'node:http';
import type { Config } from '../config.ts';

/**
 * What one client can hold of the server: at most `max` connections at once (more are refused by
 * Node and wait in the kernel's queue), headers within `headersTimeoutMs`, a whole request within
 * `requestTimeoutMs` (a body trickled in byte by byte is cut off then: 408, connection closed).
 */
export function applyConnectionLimits(server: Server, limits: Config['connections']): void {
  server.maxConnections = limits.max;
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
}
