import { levelOfService, type LevelOfService } from '@fairwatch/venue';

/** The two windows of a gate's flow. */
export const FLOW_WINDOWS_MS = { short: 60_000, long: 5 * 60_000 } as const;

interface Sample {
  atMs: number;
  /** Crossings counted today on the line, both directions. */
  total: number;
}

export interface GateFlow {
  /** Persons per metre of clear width per minute over the last minute and the last 5 minutes. */
  flow1m: number;
  flow5m: number;
  /** Fruin's level of service of the last minute's flow. */
  levelOfService: LevelOfService;
}

/**
 * Flow through each gate from the day's crossing counts as this instance sees them change: the
 * crossings counted within a window, divided by the window and the gate's width. Reports are counted
 * when they arrive, so a counter that reports once a minute shows its minute in the next one. Right
 * after a start the windows hold only what arrived since (the flow reads low for up to 5 minutes).
 */
export class GateFlowMeter {
  readonly #samples = new Map<string, Sample[]>();

  /** Notes the gate's count of crossings today (in + out) at an instant; a lower count (a new day) starts over. */
  record(gate: string, atMs: number, total: number): void {
    let samples = this.#samples.get(gate);
    if (!samples) this.#samples.set(gate, (samples = []));
    const last = samples.at(-1);
    if (last && total < last.total) samples.length = 0;
    // Only changes are kept: the count is a step function of time.
    if (!last || total !== last.total || samples.length === 0) samples.push({ atMs, total });
    this.#trim(samples, atMs);
  }

  /** Crossings counted within the window that ends at `nowMs`. */
  crossings(gate: string, nowMs: number, windowMs: number): number {
    const samples = this.#samples.get(gate);
    if (!samples?.length) return 0;
    const latest = samples.at(-1)!.total;
    // The count as it stood at the window's start: the last sample at or before it (or the first seen).
    let before = samples[0]!;
    for (const sample of samples) {
      if (sample.atMs > nowMs - windowMs) break;
      before = sample;
    }
    return latest - before.total;
  }

  /** The gate's flow figures, or null for a gate without a width. */
  flow(gate: string, widthM: number | undefined, nowMs: number): GateFlow | null {
    if (widthM === undefined) return null;
    const perMetreMinute = (windowMs: number) => this.crossings(gate, nowMs, windowMs) / widthM / (windowMs / 60_000);
    const flow1m = round1(perMetreMinute(FLOW_WINDOWS_MS.short));
    return { flow1m, flow5m: round1(perMetreMinute(FLOW_WINDOWS_MS.long)), levelOfService: levelOfService(flow1m) };
  }

  /** Keeps the window's samples and the one before it (the count at the window's start). */
  #trim(samples: Sample[], nowMs: number): void {
    const since = nowMs - FLOW_WINDOWS_MS.long;
    let drop = 0;
    while (drop + 1 < samples.length && samples[drop + 1]!.atMs <= since) drop++;
    if (drop) samples.splice(0, drop);
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;
