/**
 * Child process: posts batches of count reports as fast as `connections` keep-alive connections
 * allow, and counts the reports accepted (202) in the measured window after a warm-up.
 * Config: JSON in argv[2]. Replies { reply: 'ingest', ... } over IPC, then exits.
 */
import { Agent } from 'node:http';
import { send } from '../support/http.ts';

export interface IngestLoadConfig {
  url: string;
  deviceKey: string;
  gates: string[];
  connections: number;
  batch: number;
  warmupMs: number;
  durationMs: number;
  /** Makes ids unique across runs against the same store. */
  runId: string;
}

export interface IngestLoadResult {
  reply: 'ingest';
  reportsPerSecond: number;
  requests: number;
  accepted: number;
  duplicates: number;
  failures: number;
  firstFailure: string | null;
  bodyBytes: number;
  loadCpuPercent: number;
}

const config = JSON.parse(process.argv[2]!) as IngestLoadConfig;
const agent = new Agent({ keepAlive: true, maxSockets: config.connections });
const at = new Date(Date.now() - 1_000).toISOString();
// Pre-serialised: every report's text but its id prefix is built once.
const tails = Array.from({ length: config.batch }, (_, i) => {
  const gate = config.gates[i % config.gates.length]!;
  return `-${i}","gate":${JSON.stringify(gate)},"in":${1 + (i % 3)},"out":${i % 2},"at":"${at}"}`;
});
const headers = { authorization: `Bearer ${config.deviceKey}` };

let counter = 0;
function body(): string {
  const key = `${config.runId}.${++counter}`;
  let text = '[';
  for (let i = 0; i < tails.length; i++) text += (i ? ',{"id":"' : '{"id":"') + key + tails[i];
  return text + ']';
}

let measuring = false;
let running = true;
let requests = 0;
let accepted = 0;
let duplicates = 0;
let failures = 0;
let firstFailure: string | null = null;

async function connection(): Promise<void> {
  while (running) {
    try {
      const reply = await send(config.url, 'POST', '/api/v1/counts', { agent, body: body(), headers });
      if (reply.status === 202) {
        if (measuring) {
          const result = JSON.parse(reply.body) as { accepted: number; duplicates: number };
          requests++;
          accepted += result.accepted;
          duplicates += result.duplicates;
        }
      } else {
        failures++;
        firstFailure ??= `${reply.status} ${reply.body.slice(0, 300)}`;
      }
    } catch (error) {
      failures++;
      firstFailure ??= String(error);
    }
  }
}

const loops = Array.from({ length: config.connections }, () => connection());
setTimeout(() => {
  measuring = true;
  const cpuStart = process.cpuUsage();
  const startedAt = performance.now();
  setTimeout(() => {
    measuring = false;
    running = false;
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    void Promise.all(loops).then(() => {
      const result: IngestLoadResult = {
        reply: 'ingest',
        reportsPerSecond: accepted / seconds,
        requests,
        accepted,
        duplicates,
        failures,
        firstFailure,
        bodyBytes: Buffer.byteLength(body()),
        loadCpuPercent: (cpu.user + cpu.system) / 10_000 / seconds,
      };
      process.send!(result, () => process.exit(0));
    });
  }, config.durationMs);
}, config.warmupMs);
