import { Agent, request } from 'node:http';

export interface HttpReply {
  status: number;
  body: string;
}

/** One HTTP request with a keep-alive agent; the body is sent as given (pre-serialised). */
export function send(url: string, method: string, path: string, options: { agent?: Agent; body?: string; headers?: Record<string, string> } = {}): Promise<HttpReply> {
  const { hostname, port } = new URL(url);
  const headers: Record<string, string | number> = { ...options.headers };
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = Buffer.byteLength(options.body);
  }
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers, agent: options.agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

export async function login(url: string, password: string, username = 'operations'): Promise<string> {
  const reply = await send(url, 'POST', '/api/v1/login', { body: JSON.stringify({ username, password }) });
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${reply.body}`);
  return (JSON.parse(reply.body) as { token: string }).token;
}

export async function getJson<T>(url: string, path: string, token?: string): Promise<T> {
  const reply = await send(url, 'GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (reply.status !== 200) throw new Error(`GET ${path}: ${reply.status} ${reply.body}`);
  return JSON.parse(reply.body) as T;
}
