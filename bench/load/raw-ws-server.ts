/**
 * Child process: the fan-out ceiling. A raw `ws` server (permessage-deflate off) that broadcasts one
 * pre-serialised payload to every connected client, paced or as fast as the sockets drain.
 */
import { WebSocketServer, type WebSocket } from 'ws';

type Command = { cmd: 'broadcast'; payload: string; perSecond: number; durationMs: number } | { cmd: 'clients' };

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const clients = new Set<WebSocket>();
server.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});

const HIGH_WATER = 256 * 1024;
const backedUp = () => {
  for (const ws of clients) if (ws.bufferedAmount > HIGH_WATER) return true;
  return false;
};

async function broadcast(payload: string, perSecond: number, durationMs: number): Promise<number> {
  const data = Buffer.from(payload);
  const start = performance.now();
  let rounds = 0;
  while (performance.now() - start < durationMs) {
    if (perSecond > 0) {
      const due = start + (rounds * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    } else {
      // As fast as the clients take it: yield to I/O, and hold back while any socket is backed up.
      await new Promise((resolve) => setImmediate(resolve));
      while (backedUp()) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    for (const ws of clients) ws.send(data, { binary: false });
    rounds++;
  }
  return rounds;
}

process.on('message', (message: Command) => {
  if (message.cmd === 'broadcast') {
    void broadcast(message.payload, message.perSecond, message.durationMs).then((rounds) => process.send!({ reply: 'broadcast', rounds, clients: clients.size }));
  } else {
    process.send!({ reply: 'clients', clients: clients.size });
  }
});
server.on('listening', () => {
  const address = server.address();
  process.send!({ reply: 'listening', port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('SIGTERM', () => process.exit(0));
