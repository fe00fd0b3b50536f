import { afterEach, expect, it, vi } from 'vitest';
import { io } from 'socket.io-client';
import { PASSWORD, startInProcessApp } from '../support/in-process-app.ts';

afterEach(() => vi.useRealTimers());

// Sessions last real time, not the venue's clock (a simulated fair runs at 60×): only Date is faked
// here, timers and sockets stay real.
it('refuses an expired token on HTTP and on sockets', async () => {
  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
  const running = await startInProcessApp({ sessionTtlMs: 1_000 });
  try {
    const token = await running.api.login('operations', PASSWORD);
    expect((await running.api.get('/api/v1/stats', token)).status).toBe(200);
    vi.setSystemTime(Date.now() + 1_001);
    const expired = await running.api.get('/api/v1/stats', token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthorized');
    const socket = io(running.url, { auth: { token }, transports: ['websocket'], reconnection: false });
    expect((await new Promise<Error>((resolve) => socket.once('connect_error', resolve))).message).toBe('unauthorized');
    socket.close();
  } finally {
    await running.close();
  }
});
