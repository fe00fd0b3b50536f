import type { Checkin, CountReport } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { formatClock, parseClock } from './clock.ts';
import { createIncidentDesk, type IncidentDesk } from './incident-desk.ts';
import { drawIncidents, planFollowUp, type FollowUp, type IncidentDraft } from './incidents.ts';
import { defaultLog, type SimulatorLog } from './log.ts';
import { initialState, insideOf, stepModel, type ModelState } from './model.ts';
import { createVenuePlan, type ModelOptions } from './plan.ts';
import { createPoster } from './poster.ts';
import { deriveSeed, mulberry32 } from './random.ts';
import { batchesOf, checkinsOf, countReportsOf } from './reports.ts';
import { DEFAULT_RETRY } from './retry.ts';
import { sleep } from './sleep.ts';
import { weekdayIn } from '@fairwatch/venue/venue-time';

/** How to run the simulator against a server. */
export interface SimulatorOptions {
  baseUrl: string;
  deviceKey: string;
  venue: Venue;
  /** Simulated seconds per real second. Default 60. */
  speed?: number;
  /** Simulated local clock at start, "HH:MM". Default: one hour after opening, so the floor is already alive. */
  startAt?: string;
  seed?: number;
  /** Real milliseconds between posts. Default 1000. */
  tickMs?: number;
  /** A security account to log incidents with, or false/absent for none. */
  incidents?: { username: string; password: string } | false;
  log?: SimulatorLog;
  /** Day of the week of the simulated day (0 = Sunday). Default: today's in the venue's time zone. */
  weekday?: number;
  /** Assumptions of the crowd model (show and seminar times, visit length...). */
  model?: Omit<ModelOptions, 'seed' | 'weekday'>;
  /** Per request. Default 5000 ms. */
  requestTimeoutMs?: number;
  /** Attempts per request, the first included. Default 4. */
  attempts?: number;
}

/** What the simulator has done so far. */
export interface SimulatorStats {
  /** Count reports the server accepted. */
  sentCounts: number;
  /** Check-ins the server accepted. */
  sentCheckins: number;
  retries: number;
  /** Incidents created. */
  incidents: number;
  /** Simulated local clock, "HH:MM". */
  simulatedTime: string;
  /** People inside per the model. */
  inside: number;
}

export interface SimulatorHandle {
  /** Stops the loop, gives up pending retries, waits for requests in flight. */
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

/** Longest simulated step: each visitor crosses at most one counting line per step. */
const MAX_STEP_SECONDS = 60;

/** Plays the fair through the public HTTP API until stopped; see CONTEXT.md. Never throws from the loop. */
export function startSimulator(options: SimulatorOptions): SimulatorHandle {
  const speed = options.speed ?? 60;
  const tickMs = options.tickMs ?? 1000;
  if (!(speed > 0) || !(tickMs > 0)) throw new Error('speed and tickMs must be positive');
  const log = options.log ?? defaultLog;
  const seed = options.seed ?? 1;
  const plan = createVenuePlan(options.venue, { ...options.model, seed, weekday: options.weekday ?? weekdayIn(options.venue.timezone, new Date()) });
  const startClock = options.startAt !== undefined ? parseClock(options.startAt) : plan.hours.open + 60;
  const crowdRandom = mulberry32(seed);
  const incidentRandom = mulberry32(deriveSeed(seed, 'incidents'));
  // Part of every report id: a restart with the same seed must not be taken for retries of the last run.
  const run = `${seed}.${Date.now().toString(36)}`;
  const stopping = new AbortController();
  const poster = createPoster(options.baseUrl, options.requestTimeoutMs ?? 5000, { ...DEFAULT_RETRY, attempts: options.attempts ?? DEFAULT_RETRY.attempts, signal: stopping.signal }, log);
  const desk: IncidentDesk | undefined = options.incidents ? createIncidentDesk(poster, options.incidents, log) : undefined;

  // Start at opening and replay the morning up to startAt in the first batch, so the server's
  // occupancy matches the model's and exits never outrun entries.
  let state: ModelState = initialState(plan, startClock >= plan.hours.open ? plan.hours.open : startClock);
  let stepsToCatchUp = Math.round(startClock - state.clock);
  const sent = { counts: 0, checkins: 0 };

  async function sendBatches(path: string, items: readonly (CountReport | Checkin)[], what: 'counts' | 'checkins'): Promise<void> {
    for (const batch of batchesOf(items)) {
      if (stopping.signal.aborted) return;
      const answer = await poster.send('POST', path, batch, options.deviceKey, `${what} batch of ${batch.length}`);
      if (answer.status >= 200 && answer.status < 300) sent[what] += batch.length;
    }
  }

  async function tick(): Promise<void> {
    const at = new Date().toISOString();
    const counts: CountReport[] = [];
    const checkins: Checkin[] = [];
    const incidents: { draft: IncidentDraft; followUp: FollowUp; clock: number }[] = [];
    for (; stepsToCatchUp > 0; stepsToCatchUp--) {
      const result = stepModel(plan, state, MAX_STEP_SECONDS, crowdRandom);
      counts.push(...countReportsOf(run, state.step, result.counts, false, at));
      state = result.state;
    }
    const substeps = Math.ceil((speed * tickMs) / 1000 / MAX_STEP_SECONDS);
    const stepSeconds = (speed * tickMs) / 1000 / substeps;
    const quarterBefore = Math.floor(state.clock / 15);
    for (let i = 0; i < substeps; i++) {
      const result = stepModel(plan, state, stepSeconds, crowdRandom);
      counts.push(...countReportsOf(run, state.step, result.counts, i === substeps - 1, at));
      checkins.push(...checkinsOf(run, state.step, result.checkins, at));
      if (desk) {
        for (const draft of drawIncidents(options.venue, plan, state, stepSeconds / 60, incidentRandom)) {
          incidents.push({ draft, followUp: planFollowUp(incidentRandom), clock: state.clock });
        }
      }
      state = result.state;
    }
    // Counts first and in step order: the server then never sees a zone emptied before it was filled.
    await sendBatches('/api/v1/counts', counts, 'counts');
    await sendBatches('/api/v1/checkins', checkins, 'checkins');
    for (const incident of incidents) if (!stopping.signal.aborted) await desk?.report(incident.draft, incident.followUp, incident.clock);
    await desk?.catchUp(state.clock, stopping.signal);
    if (Math.floor(state.clock / 15) !== quarterBefore) log({ level: 'info', msg: 'progress', ...stats() });
  }

  function stats(): SimulatorStats {
    return {
      sentCounts: sent.counts,
      sentCheckins: sent.checkins,
      retries: poster.retries,
      incidents: desk?.created ?? 0,
      simulatedTime: formatClock(state.clock),
      inside: insideOf(state),
    };
  }

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const began = Date.now();
      try {
        await tick();
      } catch (error) {
        log({ level: 'error', msg: `tick failed: ${error instanceof Error ? error.message : String(error)}` });
      }
      await sleep(tickMs - (Date.now() - began), stopping.signal);
    }
  })();

  return {
    stats,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
