import { describeAnswer, requestJson, type HttpAnswer } from './http.ts';
import type { SimulatorLog } from './log.ts';
import { sendWithRetry, type RetryPolicy } from './retry.ts';

/** Talks to the server for the runner: one place for timeouts, retries and their logging. */
export interface Poster {
  /**
   * Sends `body` until it is accepted, refused, or the retries run out; the body is serialised the
   * same way each time, so its ids make a retry harmless. Never throws. Refusals (4xx) are logged as
   * errors, except the `expected` statuses the caller handles itself.
   */
  send(method: 'POST' | 'PATCH', path: string, body: unknown, bearer: string | undefined, what: string, expected?: readonly number[]): Promise<HttpAnswer>;
  /** Retry attempts made so far. */
  readonly retries: number;
}

export function createPoster(baseUrl: string, timeoutMs: number, policy: RetryPolicy, log: SimulatorLog): Poster {
  const root = baseUrl.replace(/\/+$/, '');
  let retries = 0;
  return {
    get retries() {
      return retries;
    },
    async send(method, path, body, bearer, what, expected = []) {
      const answer = await sendWithRetry(
        () => requestJson(method, `${root}${path}`, body, bearer, timeoutMs),
        policy,
        (failed, retry, delayMs) => {
          retries++;
          log({ level: 'warn', msg: `${what}: ${describeAnswer(failed)}, retry ${retry} in ${Math.round(delayMs)} ms`, status: failed.status });
        },
      );
      if (answer.status >= 200 && answer.status < 300) return answer;
      if (answer.status === 0 || answer.status === 429 || answer.status >= 500) {
        log({ level: 'warn', msg: `${what}: dropped after retries (${describeAnswer(answer)})`, status: answer.status });
      } else if (!expected.includes(answer.status)) {
        // A 4xx is our bug (a body the server refuses): say so loudly, do not retry it forever.
        log({ level: 'error', msg: `${what}: refused, ${describeAnswer(answer)}`, status: answer.status, details: answer.body });
      }
      return answer;
    },
  };
}
