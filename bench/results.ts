import type { FrameFigures } from './dashboard-frames.ts';
import type { FanoutFigures, SocketIoFanout } from './fanout.ts';
import type { IngestResults } from './ingest.ts';
import type { LatencyPoint } from './latency.ts';
import type { MemoryFigures } from './memory.ts';
import type { TenDaysResults } from './ten-days.ts';
import type { CrowdFlowFigures } from './crowd-flow.ts';

export type Failed = { error: string };

export interface FanoutPair {
  /** Socket.IO deliveries/s ÷ raw ws deliveries/s. */
  deliveredRatio: number | null;
  /** Socket.IO server CPU per delivery ÷ raw ws server CPU per delivery (1 = as cheap as raw ws). */
  cpuPerDeliveryRatio: number | null;
  socketio: SocketIoFanout | Failed;
  ws: FanoutFigures | Failed;
}

export interface BenchResults {
  meta: {
    startedAt: string;
    seconds: number;
    smoke: boolean;
    node: string;
    cpus: number;
    cpuModel: string;
    settings: Record<string, unknown>;
  };
  ingest: IngestResults & { ratios: { embedded: number | null; durable: number | null; durableVsEmbedded: number | null; redis: number | null; redisBenchmarkCommands: number | null; redisBenchmarkScript: number | null } };
  latency: Array<LatencyPoint | (Failed & { clients: number; targetReportsPerSecond: number })>;
  /** The same measure against a server on the durable embedded store (DATA_DIR). */
  latencyDurable: Array<LatencyPoint | (Failed & { clients: number; targetReportsPerSecond: number })>;
  fanout: { tickRate: FanoutPair; saturated: FanoutPair | Failed };
  memory: { socketio: MemoryFigures | Failed; ws: MemoryFigures | Failed; ratio: number | null };
  dashboard: Array<FrameFigures | { venue: string; error: string }> | Failed;
  /** Server RSS and Redis memory after each day of a simulated fair. */
  tenDays: TenDaysResults | Failed;
  /** Issue 18: gate flow, times to clear and forecast added to each tick, synthetic venue. */
  crowdFlow?: CrowdFlowFigures | Failed;
  targets: Array<{ name: string; value: number | null; target: string; ok: boolean | null }>;
  errors: string[];
}

export const isFailed = (value: unknown): value is Failed => typeof value === 'object' && value !== null && 'error' in value;
