import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Snapshot } from '@fairwatch/protocol';
import { STAFF_PASSWORD, writeAccountsFixture } from '../support/accounts-fixture.ts';
import { httpsRequest, makeLocalCertificate, opensslAvailable } from '../support/local-tls.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

const production = { NODE_ENV: 'production', DEMO_PASSWORD: '', DEMO_DEVICE_KEY: '' };

describe.runIf(opensslAvailable())('HTTPS and WSS served directly (TLS_CERT_FILE, TLS_KEY_FILE)', () => {
  let server: ServerProcess;
  let certificate: ReturnType<typeof makeLocalCertificate>;
  beforeAll(async () => {
    certificate = makeLocalCertificate(['localhost', '127.0.0.1']);
    const accounts = await writeAccountsFixture([]);
    server = await startServer({ env: { ...production, ACCOUNTS_FILE: accounts.path, TLS_CERT_FILE: certificate.certFile, TLS_KEY_FILE: certificate.keyFile, HEADERS_TIMEOUT_MS: '1500' } });
  });
  afterAll(() => server?.stop());

  it('makes a certificate for the names given, under a local CA, with what to install on phones', () => {
    expect(certificate.output).toMatch(/certificate for localhost, 127\.0\.0\.1/);
    expect(certificate.output).toMatch(/fingerprint/);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers over HTTPS with HSTS, to a client that trusts the local CA', async () => {
    const answer = await httpsRequest(`${server.url}/api/v1/health`, { ca: certificate.ca });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('gives Socket.IO’s own HTTP paths (long-polling) HSTS and the security headers too', async () => {
    const answer = await httpsRequest(`${server.url}/socket.io/?EIO=4&transport=polling`, { ca: certificate.ca });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
  });

  it('closes a connection that never finishes its TLS handshake within HEADERS_TIMEOUT_MS, not Node’s 120 s', async () => {
    const url = new URL(server.url);
    const startedAt = Date.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      socket.on('error', () => undefined);
      socket.on('data', () => undefined);
      socket.on('close', () => resolve(Date.now() - startedAt));
    });
    expect(closedAfter).toBeLessThan(10_000);
  });

  it('is refused by a client that does not trust the CA, and speaks no plain HTTP', async () => {
    await expect(httpsRequest(`${server.url}/api/v1/health`)).rejects.toThrow(/certificate/i);
    await expect(fetch(`${server.url.replace('https:', 'http:')}/api/v1/health`)).rejects.toThrow();
  });

  it('signs in and streams figures over WSS', async () => {
    const login = await httpsRequest(`${server.url}/api/v1/login`, { ca: certificate.ca, method: 'POST', body: { username: 'operations-1', password: STAFF_PASSWORD } });
    expect(login.status).toBe(200);
    const socket = io(server.url, { auth: { token: login.body.token }, ca: certificate.ca.toString(), transports: ['websocket'], reconnection: false });
    try {
      const snapshot = await new Promise<Snapshot>((resolve, reject) => {
        socket.once('snapshot', resolve);
        socket.once('connect_error', reject);
      });
      expect(snapshot.seq).toBeGreaterThanOrEqual(0);
      expect(socket.io.engine.transport.name).toBe('websocket');
    } finally {
      socket.close();
    }
  });
});

describe('production over plain HTTP', () => {
  it('refuses to start without TLS unless ALLOW_HTTP=1, saying what to do', async () => {
    const accounts = await writeAccountsFixture([]);
    const failure = startServer({ env: { ...production, ACCOUNTS_FILE: accounts.path } });
    await expect(failure).rejects.toThrow(/no TLS: passwords and tokens would cross the network in clear\. Set TLS_CERT_FILE and TLS_KEY_FILE/);
    await expect(failure).rejects.toThrow(/ALLOW_HTTP=1/);
  });

  it('starts with ALLOW_HTTP=1 and says at start that a TLS-terminating proxy must stand in front', async () => {
    const accounts = await writeAccountsFixture([]);
    const server = await startServer({ env: { ...production, ACCOUNTS_FILE: accounts.path, ALLOW_HTTP: '1' } });
    try {
      expect(server.logs.some((entry) => entry.level === 40 && /ALLOW_HTTP=1/.test(String(entry.msg)))).toBe(true);
      expect((await fetch(`${server.url}/api/v1/health`)).headers.get('strict-transport-security')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
