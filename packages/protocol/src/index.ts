/**
 * The FairWatch protocol: one runtime schema per message of the public contract, the types inferred
 * from them, and the typed Socket.IO event maps. Server, dashboard and simulator all import it.
 */
export const PROTOCOL_VERSION = 1;
export * from './primitives.ts';
export * from './ingest.ts';
export * from './incidents.ts';
export * from './response-times.ts';
export type * from './reports.ts';
export * from './auth.ts';
export * from './snapshot.ts';
export * from './delta.ts';
export * from './errors.ts';
export * from './alerts.ts';
export * from './device-health.ts';
export * from './field.ts';
export * from './egress.ts';
export type * from './events.ts';
