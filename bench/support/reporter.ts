import { Agent } from 'node:http';
import type { Venue } from '@fairwatch/venue';
import { send } from './http.ts';

export interface ReporterOptions {
  url: string;
  deviceKey: string;
  venue: Venue;
  /** One counts request (and one check-ins request) every intervalMs. */
  intervalMs: number;
  countsPerTick: number;
  checkinsPerTick: number;
  runId: string;
}

/** After this count request's 202, `totals.entriesToday` must be at least `entries` (base included). */
export interface Sample {
  at202: number;
  entries: number;
}

export interface ReporterSummary {
  samples: Sample[];
  reportsPerSecond: number;
  checkinsPerSecond: number;
  failures: number;
  firstFailure: string | null;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Device traffic at a fixed pace, one counts request at a time (so that the server applies them in
 * the order they were sent and each 202 has a known `entriesToday` it must lead to).
 */
export class PacedReporter {
  private running = false;
  private loop: Promise<void> | null = null;
  private checkinsInFlight: Promise<void> | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 4 });
  private readonly samples: Sample[] = [];
  private sentCounts = 0;
  private sentCheckins = 0;
  private failures = 0;
  private firstFailure: string | null = null;
  private started = 0;
  private counter = 0;

  constructor(private readonly options: ReporterOptions) {}

  start(baseEntries: number): void {
    this.running = true;
    this.started = performance.now();
    this.loop = this.run(baseEntries);
  }

  async stop(): Promise<ReporterSummary> {
    this.running = false;
    await this.loop;
    await this.checkinsInFlight;
    const seconds = (performance.now() - this.started) / 1000;
    this.agent.destroy();
    return {
      samples: this.samples,
      reportsPerSecond: this.sentCounts / seconds,
      checkinsPerSecond: this.sentCheckins / seconds,
      failures: this.failures,
      firstFailure: this.firstFailure,
    };
  }

  private async run(baseEntries: number): Promise<void> {
    const { venue, intervalMs, countsPerTick, checkinsPerTick } = this.options;
    const headers = { authorization: `Bearer ${this.options.deviceKey}` };
    let entries = baseEntries;
    const t0 = performance.now();
    for (let tick = 0; this.running; tick++) {
      const wait = t0 + tick * intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (!this.running) break;
      const at = new Date().toISOString();
      const key = `${this.options.runId}.${++this.counter}`;
      if (checkinsPerTick > 0 && venue.stands.length > 0 && !this.checkinsInFlight) {
        const checkins = Array.from({ length: checkinsPerTick }, (_, i) => ({ id: `${key}-${i}`, stand: venue.stands[(tick * 7 + i * 13) % venue.stands.length]!.id, at }));
        this.checkinsInFlight = this.post('/api/v1/checkins', JSON.stringify(checkins), headers).then((ok) => {
          if (ok) this.sentCheckins += checkins.length;
          this.checkinsInFlight = null;
        });
      }
      if (countsPerTick > 0) {
        let added = 0;
        const reports = Array.from({ length: countsPerTick }, (_, i) => {
          const gate = venue.gates[(tick + i) % venue.gates.length]!;
          const report = { id: `${key}-${i}`, gate: gate.id, in: 1 + (i % 3), out: i % 2, at };
          added += (gate.from === null ? report.in : 0) + (gate.to === null ? report.out : 0);
          return report;
        });
        if (await this.post('/api/v1/counts', JSON.stringify(reports), headers)) {
          entries += added;
          this.sentCounts += reports.length;
          this.samples.push({ at202: now(), entries });
        }
      }
    }
  }

  private async post(path: string, body: string, headers: Record<string, string>): Promise<boolean> {
    try {
      const reply = await send(this.options.url, 'POST', path, { agent: this.agent, body, headers });
      if (reply.status === 202) return true;
      this.fail(`${path}: ${reply.status} ${reply.body.slice(0, 200)}`);
    } catch (error) {
      this.fail(`${path}: ${String(error)}`);
    }
    return false;
  }

  private fail(message: string): void {
    this.failures++;
    this.firstFailure ??= message;
  }
}
