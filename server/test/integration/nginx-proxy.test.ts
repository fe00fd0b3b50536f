import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { until } from '../support/dashboard-client.ts';
import { httpsRequest, makeLocalCertificate, opensslAvailable } from '../support/local-tls.ts';
import { nginxAvailable, startNginx } from '../support/nginx.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

/** The bundled nginx config in front of an instance that trusts it (TRUST_PROXY=127.0.0.1). */
describe.runIf(nginxAvailable())('behind infra/nginx/fairwatch.conf', () => {
  let server: ServerProcess;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let api: ApiClient;
  beforeAll(async () => {
    server = await startServer({ env: { TRUST_PROXY: '127.0.0.1', RATE_LIMITS: 'loginUser=3' } });
    nginx = await startNginx('fairwatch.conf', Number(new URL(server.url).port));
    api = new ApiClient(nginx.url);
  });
  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
  });

  const forged = (address: string) => ({ 'x-forwarded-for': address });

  it('replaces a client’s X-Forwarded-For with the address nginx saw: the audit log has the real one', async () => {
    const signedIn = await api.request('POST', '/api/v1/login', { body: { username: 'admin', password: server.password }, headers: forged('6.6.6.6') });
    expect(signedIn.status).toBe(200);
    await until(async () => {
      const entries = (await api.get('/api/v1/audit?limit=5', signedIn.body.token)).body.entries as Array<{ action: string; ip: string }>;
      return entries.some((entry) => entry.action === 'signed-in');
    }, 3_000, 'the sign-in audited');
    const entries = (await api.get('/api/v1/audit?limit=5', signedIn.body.token)).body.entries as Array<{ action: string; ip: string }>;
    expect(entries.find((entry) => entry.action === 'signed-in')?.ip).toBe('127.0.0.1');
  });

  it('keeps sign-in throttling whatever the client writes in the header', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.request('POST', '/api/v1/login', { body: { username: 'security', password: `guess-${i}` }, headers: forged(`10.5.0.${i}`) })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

/** The bundled TLS-terminating config (fairwatch-tls.conf) with a `pnpm tls:local` certificate. */
describe.runIf(nginxAvailable() && opensslAvailable())('behind infra/nginx/fairwatch-tls.conf', () => {
  let server: ServerProcess;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let certificate: ReturnType<typeof makeLocalCertificate>;
  beforeAll(async () => {
    certificate = makeLocalCertificate(['fairwatch.lan', '127.0.0.1']);
    server = await startServer({ env: { TRUST_PROXY: '127.0.0.1', RATE_LIMITS: 'loginUser=3' } });
    nginx = await startNginx('fairwatch-tls.conf', Number(new URL(server.url).port), certificate);
  });
  afterAll(async () => {
    await nginx?.stop();
    await server?.stop();
  });

  it('answers over HTTPS with HSTS to a phone that trusts the local CA, and sends plain HTTP to HTTPS', async () => {
    const answer = await httpsRequest(`${nginx.httpsUrl}/api/v1/health`, { ca: certificate.ca });
    expect(answer.status).toBe(200);
    expect(answer.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
    await expect(httpsRequest(`${nginx.httpsUrl}/api/v1/health`)).rejects.toThrow(/certificate/i);
    const plain = await fetch(`${nginx.url}/api/v1/login`, { method: 'POST', redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\//);
  });

  it('replaces a client’s X-Forwarded-For: throttling and the audit log keep the address nginx saw', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await httpsRequest(`${nginx.httpsUrl}/api/v1/login`, { ca: certificate.ca, method: 'POST', body: { username: 'security', password: `guess-${i}` }, headers: { 'x-forwarded-for': `10.6.0.${i}` } })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const signedIn = await httpsRequest(`${nginx.httpsUrl}/api/v1/login`, { ca: certificate.ca, method: 'POST', body: { username: 'admin', password: server.password }, headers: { 'x-forwarded-for': '6.6.6.6' } });
    expect(signedIn.status).toBe(200);
    await until(async () => {
      const entries = (await httpsRequest(`${nginx.httpsUrl}/api/v1/audit?limit=5`, { ca: certificate.ca, token: signedIn.body.token })).body.entries as Array<{ action: string; ip: string }>;
      return entries.some((entry) => entry.action === 'signed-in' && entry.ip === '127.0.0.1');
    }, 3_000, 'the sign-in audited with the address nginx saw');
  });
});
