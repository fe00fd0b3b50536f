/**
 * Child process: many dashboard-like clients, Socket.IO (websocket transport, token auth) or raw
 * `ws`, that only receive and count. Driven by IPC commands from the orchestrator (see `Command`).
 */
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

export type ClientKind = 'socketio' | 'ws';
export type Command =
  | { cmd: 'connect'; kind: ClientKind; url: string; token?: string; count: number }
  | { cmd: 'disconnect'; count: number }
  | { cmd: 'reset' }
  | { cmd: 'counters' }
  | { cmd: 'exit' };
export interface Counters {
  reply: 'counters';
  clients: number;
  messages: number;
  bytes: number;
  seconds: number;
  cpuPercent: number;
}

const closers: Array<() => void> = [];
let messages = 0;
let bytes = 0;
let since = performance.now();
let cpuSince = process.cpuUsage();

function connectSocketIo(url: string, token: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false, timeout: 30_000 });
    const timer = setTimeout(() => fail(new Error('no snapshot within 30 s')), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    };
    socket.io.on('open', () => socket.io.engine.on('data', (data: unknown) => (bytes += typeof data === 'string' ? data.length + 1 : 0)));
    socket.on('delta', () => messages++);
    socket.once('connect_error', fail);
    socket.once('snapshot', () => {
      clearTimeout(timer);
      resolve(() => socket.close());
    });
  });
}

function connectWs(url: string): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('message', (data: Buffer) => {
      messages++;
      bytes += data.length;
      // The same work a Socket.IO client does: decode the packet's JSON.
      JSON.parse(data.toString('utf8', 2));
    });
    ws.once('error', reject);
    ws.once('open', () => resolve(() => ws.close()));
  });
}

async function connect(command: Extract<Command, { cmd: 'connect' }>): Promise<{ connected: number; failed: number; firstError: string | null }> {
  let connected = 0;
  let failed = 0;
  let firstError: string | null = null;
  const chunk = 50; // a burst of handshakes at a time, as dashboards coming back after a network blip
  for (let done = 0; done < command.count; done += chunk) {
    const size = Math.min(chunk, command.count - done);
    const settled = await Promise.allSettled(
      Array.from({ length: size }, () => (command.kind === 'ws' ? connectWs(command.url) : connectSocketIo(command.url, command.token ?? ''))),
    );
    for (const outcome of settled) {
      if (outcome.status === 'fulfilled') {
        closers.push(outcome.value);
        connected++;
      } else {
        failed++;
        firstError ??= String(outcome.reason);
      }
    }
  }
  return { connected, failed, firstError };
}

process.on('message', (message: Command) => {
  const reply = (body: Record<string, unknown>) => process.send!({ reply: message.cmd, ...body });
  switch (message.cmd) {
    case 'connect':
      connect(message).then(reply, (error: unknown) => reply({ error: String(error) }));
      break;
    case 'disconnect':
      for (let i = 0; i < message.count && closers.length; i++) closers.pop()!();
      reply({ remaining: closers.length });
      break;
    case 'reset':
      messages = 0;
      bytes = 0;
      since = performance.now();
      cpuSince = process.cpuUsage();
      reply({});
      break;
    case 'counters': {
      const seconds = (performance.now() - since) / 1000;
      const cpu = process.cpuUsage(cpuSince);
      reply({ clients: closers.length, messages, bytes, seconds, cpuPercent: (cpu.user + cpu.system) / 10_000 / seconds });
      break;
    }
    case 'exit':
      for (const close of closers.splice(0)) close();
      reply({});
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
process.on('SIGTERM', () => process.exit(0));
process.send!({ reply: 'ready' });
