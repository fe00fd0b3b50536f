import { isRetryable, type HttpAnswer } from './http.ts';
import { sleep } from './sleep.ts';

/** How hard to insist before dropping a request. */
export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Aborted by stop(): no more waiting, the request is given up. */
  signal?: AbortSignal;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 };

/** The wait before retry number `retry` (1-based): the server's Retry-After if any, else exponential with jitter. */
export function backoffMs(policy: RetryPolicy, retry: number, answer: HttpAnswer): number {
  if (answer.retryAfterMs !== undefined) return Math.min(answer.retryAfterMs, policy.maxDelayMs * 3);
  const exponential = policy.baseDelayMs * 2 ** (retry - 1);
  // Jitter, so that many simulators restarted together do not hammer the server in step.
  return Math.min(policy.maxDelayMs, exponential * (0.75 + Math.random() * 0.5));
}

/**
 * Sends with `send` (which must send the same body every time: the ids make a retry harmless) until
 * the answer is final or the attempts run out; returns the last answer. Never throws.
 */
export async function sendWithRetry(
  send: () => Promise<HttpAnswer>,
  policy: RetryPolicy,
  onRetry: (answer: HttpAnswer, retry: number, delayMs: number) => void,
): Promise<HttpAnswer> {
  let answer = await send();
  for (let retry = 1; retry < policy.attempts && isRetryable(answer.status) && !policy.signal?.aborted; retry++) {
    const delayMs = backoffMs(policy, retry, answer);
    onRetry(answer, retry, delayMs);
    await sleep(delayMs, policy.signal);
    if (policy.signal?.aborted) break;
    answer = await send();
  }
  return answer;
}
