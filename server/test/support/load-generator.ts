/**
 * A fleet of gate counters for fault-injection tests: it sends a fixed number of count reports in
 * batches, paced, to whichever instances are up, and retries a batch with the SAME ids until it is
 * acknowledged, as a real device must. It records what happened to every attempt.
 */
export interface LoadFigures {
  reports: number;
  batches: number;
  attempts: number;
  /** Reports in batches answered 202. */
  acknowledged: number;
  /** Reports the server said it applied (accepted) and said it already had (duplicates). */
  accepted: number;
  duplicates: number;
  refused503: number;
  networkErrors: number;
  otherErrors: number;
  retries: number;
  firstFailureAt: number | null;
  lastFailureAt: number | null;
  durationMs: number;
}

export interface LoadOptions {
  /** Instance URLs; read at every attempt, so a test can swap in a restarted instance. */
  targets: () => string[];
  deviceKey: string;
  gate: string;
  reports: number;
  batchSize: number;
  workers: number;
  /** Pause between two batches of one worker. */
  pauseMs: number;
  runId: string;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const started = Date.now();
  const figures: LoadFigures = {
    reports: options.reports, batches: 0, attempts: 0, acknowledged: 0, accepted: 0, duplicates: 0,
    refused503: 0, networkErrors: 0, otherErrors: 0, retries: 0, firstFailureAt: null, lastFailureAt: null, durationMs: 0,
  };
  const batches: string[] = [];
  for (let first = 0; first < options.reports; first += options.batchSize) {
    const size = Math.min(options.batchSize, options.reports - first);
    const items = Array.from({ length: size }, (_, i) => ({ id: `${options.runId}-${first + i}`, gate: options.gate, in: 1, out: 0, at: new Date().toISOString() }));
    batches.push(JSON.stringify(items));
  }
  figures.batches = batches.length;
  let next = 0;
  let turn = 0;
  const failed = () => {
    const now = Date.now() - started;
    figures.firstFailureAt ??= now;
    figures.lastFailureAt = now;
  };

  const worker = async () => {
    while (next < batches.length) {
      const body = batches[next++]!;
      const size = (JSON.parse(body) as unknown[]).length;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 0) figures.retries++;
        if (attempt > 400) throw new Error('a batch was never acknowledged');
        const targets = options.targets();
        const url = targets[turn++ % targets.length]!;
        figures.attempts++;
        try {
          const response = await fetch(`${url}/api/v1/counts`, {
            method: 'POST',
            headers: { authorization: `Bearer ${options.deviceKey}`, 'content-type': 'application/json' },
            body,
            signal: AbortSignal.timeout(5_000),
          });
          const answer = (await response.json()) as { accepted?: number; duplicates?: number };
          if (response.status === 202) {
            figures.acknowledged += size;
            figures.accepted += answer.accepted ?? 0;
            figures.duplicates += answer.duplicates ?? 0;
            break;
          }
          if (response.status === 503) figures.refused503++;
          else figures.otherErrors++;
        } catch {
          figures.networkErrors++;
        }
        failed();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: options.workers }, worker));
  figures.durationMs = Date.now() - started;
  return figures;
}
