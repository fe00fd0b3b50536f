import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the fake server received. */
export interface Received {
  method: string;
  url: string;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

/**
 * A tiny stand-in for the FairWatch server: records every request, answers ingest with
 * 202 {accepted, duplicates}, login with a token, incidents like the contract; `unavailableFirst`
 * requests get 503 with Retry-After: 0.
 */
export async function startFakeServer(unavailableFirst = 1): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const read = async (req: IncomingMessage) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const server: Server = createServer((req, res) => {
    void read(req).then((body) => {
      const answer = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        received.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body, status });
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(json));
      };
      if (received.length < unavailableFirst) return answer(503, { error: { code: 'unavailable', message: 'try later' } }, { 'retry-after': '0' });
      if (req.url === '/api/v1/login') return answer(200, { token: 'guard-token', role: 'security', expiresAt: new Date(Date.now() + 3600_000).toISOString() });
      if (req.url === '/api/v1/incidents') return answer(201, { ...(body as object), status: 'open' });
      if (req.url?.startsWith('/api/v1/incidents/')) return answer(200, { status: (body as { status: string }).status });
      const items = Array.isArray(body) ? body.length : 1;
      return answer(202, { accepted: items, duplicates: 0 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
