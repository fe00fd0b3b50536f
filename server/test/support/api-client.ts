import type { Role } from '@fairwatch/protocol';

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A tiny HTTP client for the contract's API, as a device, a phone or a browser would call it. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: the test will say so
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, token?: string) {
    return this.request<T>('GET', path, { token });
  }

  post<T = any>(path: string, body: unknown, token?: string) {
    return this.request<T>('POST', path, { body, token });
  }

  patch<T = any>(path: string, body: unknown, token?: string) {
    return this.request<T>('PATCH', path, { body, token });
  }

  async login(role: Role, password: string): Promise<string> {
    const answer = await this.post('/api/v1/login', { username: role, password });
    if (answer.status !== 200) throw new Error(`login as ${role} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.token as string;
  }
}

let sequence = 0;
/** A report id unique within the test run. */
export function uniqueId(prefix = 'r'): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${(sequence++).toString(36)}`;
}
