/** The outcome of one HTTP attempt: a status (0 for a network error or timeout) and the parsed body. */
export interface HttpAnswer {
  status: number;
  body: unknown;
  /** From `Retry-After`, when the server sent one. */
  retryAfterMs?: number;
  error?: string;
}

/** `Retry-After` is either seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** One JSON request with a timeout. Never throws: network failures come back as status 0. */
export async function requestJson(
  method: 'POST' | 'PATCH',
  url: string,
  body: unknown,
  bearer: string | undefined,
  timeoutMs: number,
): Promise<HttpAnswer> {
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    const response = await fetch(url, { method, headers, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a proxy's error page): keep the text for the log.
    }
    const answer: HttpAnswer = { status: response.status, body: parsed };
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (retryAfterMs !== undefined) answer.retryAfterMs = retryAfterMs;
    return answer;
  } catch (error) {
    return { status: 0, body: undefined, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Worth another try with the same body: the server did not apply it (down, overloaded, rate limited). */
export function isRetryable(status: number): boolean {
  return status === 0 || status === 429 || status === 503 || status === 502 || status === 504;
}

/** A short text of an error answer for the logs. */
export function describeAnswer(answer: HttpAnswer): string {
  if (answer.status === 0) return answer.error ?? 'network error';
  const error = (answer.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return error ? `${answer.status} ${error.code ?? ''}: ${error.message ?? ''}` : `HTTP ${answer.status}`;
}
