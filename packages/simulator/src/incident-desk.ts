import { randomUUID } from 'node:crypto';
import { LoginResult, type IncidentChange } from '@fairwatch/protocol';
import type { IncidentDraft, FollowUp } from './incidents.ts';
import type { SimulatorLog } from './log.ts';
import type { Poster } from './poster.ts';

/** Real milliseconds to wait before trying to sign in again after a failure. */
const LOGIN_RETRY_MS = 30_000;

interface ScheduledChange {
  id: string;
  /** Simulated clock (minutes) at which the control room makes the change. */
  due: number;
  change: IncidentChange;
}

/** The security guard's phone: signs in, reports incidents, later acknowledges and resolves them. */
export interface IncidentDesk {
  /** Reports one incident now and schedules its follow-up on the simulated clock. */
  report(draft: IncidentDraft, followUp: FollowUp, clock: number): Promise<void>;
  /** Makes the status changes that are due at simulated `clock`. */
  catchUp(clock: number, signal: AbortSignal): Promise<void>;
  readonly created: number;
}

export function createIncidentDesk(poster: Poster, credentials: { username: string; password: string }, log: SimulatorLog): IncidentDesk {
  let token: string | undefined;
  let nextLoginAt = 0;
  let created = 0;
  const schedule: ScheduledChange[] = [];

  async function signIn(): Promise<string | undefined> {
    if (token || Date.now() < nextLoginAt) return token;
    const answer = await poster.send('POST', '/api/v1/login', credentials, undefined, 'login', [401]);
    const result = LoginResult.safeParse(answer.body);
    if (answer.status === 200 && result.success) {
      token = result.data.token;
      log({ level: 'info', msg: `signed in as ${credentials.username} (${result.data.role})` });
    } else {
      nextLoginAt = Date.now() + LOGIN_RETRY_MS;
      log({ level: 'warn', msg: `sign-in as ${credentials.username} failed (HTTP ${answer.status}); incidents paused`, status: answer.status });
    }
    return token;
  }

  /** Sends as the signed-in guard; signs in again once if the token has expired. */
  async function sendAsGuard(method: 'POST' | 'PATCH', path: string, body: unknown, what: string) {
    for (let attempt = 0; attempt < 2; attempt++) {
      const bearer = await signIn();
      if (!bearer) return undefined;
      const answer = await poster.send(method, path, body, bearer, what, [401, 404, 409]);
      if (answer.status !== 401) return answer;
      token = undefined;
    }
    return undefined;
  }

  return {
    get created() {
      return created;
    },
    async report(draft, followUp, clock) {
      const id = randomUUID(); // made before the first attempt, so a retry is the same incident
      const answer = await sendAsGuard('POST', '/api/v1/incidents', { id, ...draft }, `incident ${draft.type}`);
      if (answer?.status !== 201 && answer?.status !== 200) return;
      created++;
      log({ level: 'info', msg: `incident ${draft.type}/${draft.severity}: ${draft.description}`, id });
      if (followUp.acknowledgeAfter !== undefined) schedule.push({ id, due: clock + followUp.acknowledgeAfter, change: { status: 'acknowledged' } });
      if (followUp.resolveAfter !== undefined) schedule.push({ id, due: clock + followUp.resolveAfter, change: { status: 'resolved', note: followUp.note } });
    },
    async catchUp(clock, signal) {
      schedule.sort((a, b) => a.due - b.due);
      while (schedule[0] && schedule[0].due <= clock && !signal.aborted) {
        const { id, change } = schedule.shift() as ScheduledChange;
        const answer = await sendAsGuard('PATCH', `/api/v1/incidents/${encodeURIComponent(id)}`, change, `incident ${change.status}`);
        // 409: someone in the control room got there first; fine.
        if (answer && answer.status === 404) log({ level: 'warn', msg: `incident ${id} is gone (404)` });
      }
    },
  };
}
