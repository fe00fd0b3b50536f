/**
 * Child process: the ceiling of a Node ingest endpoint on this machine. A bare `http` server that
 * reads the body, JSON.parses it and answers 202, nothing else. Tells its port over IPC.
 */
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":"invalid_request","message":"bad json"}}');
      return;
    }
    const accepted = Array.isArray(parsed) ? parsed.length : 1;
    res.writeHead(202, { 'content-type': 'application/json' }).end(`{"accepted":${accepted},"duplicates":0}`);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ reply: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => process.exit(0));
