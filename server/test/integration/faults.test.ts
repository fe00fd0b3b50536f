import { afterEach, describe, expect, it } from 'vitest';
import type { Snapshot } from '@fairwatch/protocol';
import { fesVenue } from '@fairwatch/venue';
import { ApiClient } from '../support/api-client.ts';
import { DashboardClient, until } from '../support/dashboard-client.ts';
import { runLoad, type LoadFigures } from '../support/load-generator.ts';
import { redisAvailable, TestRedis } from '../support/redis-server.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';

/**
 * Fault injection with real processes: a private redis-server with append-only persistence, FairWatch
 * instances as child processes, devices that retry with the same ids, dashboards on Socket.IO.
 * Every scenario asserts that reports acknowledged = reports counted, once each.
 */
const entrance = fesVenue.gates.find((gate) => gate.from === null)!.id;
const figuresOf = ({ seq: _seq, at: _at, stale: _stale, ...figures }: Snapshot) => figures;
const report = (scenario: string, load: LoadFigures, extra: Record<string, unknown> = {}) =>
  console.log(`[faults] ${scenario}: ${JSON.stringify({ ...load, ...extra })}`);

describe.runIf(redisAvailable())('fault injection (Redis mode, real processes)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  async function setup(instances: number) {
    const redis = await TestRedis.start({ persistent: true });
    cleanups.push(() => redis.stop());
    const servers: ServerProcess[] = [];
    for (let i = 0; i < instances; i++) {
      const server = await startServer({ env: { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '500', RATE_LIMIT: 'off' } });
      cleanups.push(() => server.stop());
      servers.push(server);
    }
    const api = new ApiClient(servers[0]!.url);
    const token = await api.login('operations', servers[0]!.password);
    return { redis, servers, token, deviceKey: servers[0]!.deviceKey };
  }

  const stats = async (url: string, token: string) => (await new ApiClient(url).get<Snapshot>('/api/v1/stats', token)).body;

  it('loses and doubles nothing when Redis is killed during ingest and comes back', async () => {
    const { redis, servers, token, deviceKey } = await setup(1);
    const url = servers[0]!.url;
    const dashboard = new DashboardClient(url, token, { reconnection: true });
    cleanups.push(async () => dashboard.close());
    await dashboard.ready;

    const reports = 3000;
    const started = Date.now();
    const load = runLoad({ targets: () => [url], deviceKey, gate: entrance, reports, batchSize: 10, workers: 4, pauseMs: 30, runId: 'redis-kill' });
    await until(async () => (await stats(url, token)).totals.entriesToday >= 600, 20_000, 'steady ingest');
    const killedAt = Date.now();
    await redis.kill();
    // While Redis is away: writes are refused quickly, reads serve the last figures marked stale.
    const writeStarted = Date.now();
    const refused = await fetch(`${url}/api/v1/counts`, {
      method: 'POST', headers: { authorization: `Bearer ${deviceKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'probe', gate: entrance, in: 1, out: 0, at: new Date().toISOString() }),
    });
    const refusalMs = Date.now() - writeStarted;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    const staleRead = await stats(url, token);
    expect(staleRead.stale).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const restartedAt = Date.now();
    await redis.startProcess();

    const figures = await load;
    const converged = await until(async () => {
      const now = await stats(url, token);
      return !now.stale && now.totals.entriesToday === reports && dashboard.state?.totals.entriesToday === reports;
    }, 20_000, 'convergence');
    const final = await stats(url, token);
    expect(final.totals.entriesToday).toBe(reports);
    expect(final.totals.inside).toBe(reports);
    expect(figures.acknowledged).toBe(reports);
    expect(figures.accepted + figures.duplicates).toBe(reports);
    expect(figures.refused503 + figures.networkErrors).toBeGreaterThan(0);
    await until(() => dashboard.state?.seq === final.seq || (dashboard.state?.seq ?? 0) > final.seq, 5_000, 'dashboard seq');
    expect(figuresOf(dashboard.state!)).toEqual(figuresOf(await stats(url, token)));
    // The dashboard was told the live data paused, and that it resumed.
    expect(dashboard.feed).toEqual(['paused', 'resumed']);
    report('redis killed and restarted', figures, {
      refusalMs,
      outageMs: restartedAt - killedAt,
      firstFailureAfterKillMs: figures.firstFailureAt === null ? null : figures.firstFailureAt - (killedAt - started),
      recoveredAfterRestartMs: figures.lastFailureAt === null ? null : figures.lastFailureAt - (restartedAt - started),
      convergedAfterLoadMs: converged,
    });
  });

  it('counts once the writes that a stalled Redis applied after answering 503', async () => {
    const { redis, servers, token, deviceKey } = await setup(1);
    const url = servers[0]!.url;
    const reports = 2000;
    const load = runLoad({ targets: () => [url], deviceKey, gate: entrance, reports, batchSize: 10, workers: 4, pauseMs: 20, runId: 'stall' });
    await until(async () => (await stats(url, token)).totals.entriesToday >= 400, 20_000, 'steady ingest');
    // Redis stops answering but keeps the connections: in-flight scripts run when it resumes, after
    // the server has already answered 503 (REDIS_TIMEOUT_MS). The devices' retries must count once.
    redis.signal('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    redis.signal('SIGCONT');
    const figures = await load;
    await until(async () => (await stats(url, token)).totals.entriesToday === reports, 10_000, 'exact totals');
    const final = await stats(url, token);
    expect(final.totals).toMatchObject({ entriesToday: reports, inside: reports });
    // Each acknowledged item is either new (accepted) or one that a 503-answered attempt had applied.
    expect(figures.accepted + figures.duplicates).toBe(reports);
    expect(figures.duplicates).toBeGreaterThan(0);
    expect(figures.refused503).toBeGreaterThan(0);
    report('redis stalled past the command timeout', figures);
  });

  it('loses and doubles nothing when an instance is killed under load and restarted', async () => {
    const { redis, servers, token, deviceKey } = await setup(2);
    const targets = servers.map((server) => server.url);
    const reports = 3000;
    const load = runLoad({ targets: () => targets, deviceKey, gate: entrance, reports, batchSize: 10, workers: 4, pauseMs: 30, runId: 'instance-kill' });
    await until(async () => (await stats(targets[1]!, token)).totals.entriesToday >= 600, 20_000, 'steady ingest');
    await servers[0]!.kill();
    const restartStarted = Date.now();
    const restarted = await startServer({ env: { REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '500', RATE_LIMIT: 'off' } });
    cleanups.push(() => restarted.stop());
    const restartMs = Date.now() - restartStarted;
    targets[0] = restarted.url;
    const figures = await load;
    // The restarted instance knows the sessions and the figures: they live in Redis.
    await until(async () => (await stats(restarted.url, token)).totals.entriesToday === reports, 10_000, 'restarted instance figures');
    const [a, b] = await Promise.all([stats(restarted.url, token), stats(targets[1]!, token)]);
    expect(a.totals).toMatchObject({ entriesToday: reports, inside: reports });
    expect(figuresOf(a)).toEqual(figuresOf(b));
    expect(figures.acknowledged).toBe(reports);
    // A batch applied just before the kill is acknowledged as duplicates on its retry.
    expect(figures.accepted + figures.duplicates).toBe(reports);
    report('instance killed and restarted', figures, { restartMs });
  });

  it('brings a dashboard whose connection was cut back to the exact figures', async () => {
    const { servers, token, deviceKey } = await setup(1);
    const url = servers[0]!.url;
    const dashboard = new DashboardClient(url, token, { reconnection: true });
    cleanups.push(async () => dashboard.close());
    await dashboard.ready;
    const reports = 1500;
    const load = runLoad({ targets: () => [url], deviceKey, gate: entrance, reports, batchSize: 10, workers: 2, pauseMs: 20, runId: 'cut' });
    await until(() => (dashboard.state?.totals.entriesToday ?? 0) >= 300, 20_000, 'first deltas');
    const cutAt = Date.now();
    dashboard.socket.io.engine.close(); // the network drops: the client reconnects by itself
    await until(() => dashboard.snapshots >= 2, 10_000, 'reconnection');
    const reconnectMs = Date.now() - cutAt;
    const figures = await load;
    const converged = await until(() => dashboard.state?.totals.entriesToday === reports, 10_000, 'convergence');
    expect(figuresOf(dashboard.state!)).toEqual(figuresOf(await stats(url, token)));
    expect(figures.accepted).toBe(reports);
    report('dashboard connection cut', figures, { reconnectMs, convergedAfterLoadMs: converged });
  });

  it('keeps two instances under load identical, with every dashboard converged', async () => {
    const { servers, token, deviceKey } = await setup(2);
    const dashboards = servers.map((server) => new DashboardClient(server.url, token));
    cleanups.push(async () => dashboards.forEach((dashboard) => dashboard.close()));
    await Promise.all(dashboards.map((dashboard) => dashboard.ready));
    const reports = 4000;
    const figures = await runLoad({ targets: () => servers.map((server) => server.url), deviceKey, gate: entrance, reports, batchSize: 20, workers: 6, pauseMs: 5, runId: 'two' });
    const converged = await until(() => dashboards.every((dashboard) => dashboard.state?.totals.entriesToday === reports), 10_000, 'both dashboards');
    const [a, b] = await Promise.all(servers.map((server) => stats(server.url, token)));
    expect(figuresOf(a!)).toEqual(figuresOf(b!));
    for (const dashboard of dashboards) expect(figuresOf(dashboard.state!)).toEqual(figuresOf(a!));
    expect(figures.accepted).toBe(reports);
    expect(figures.duplicates).toBe(0);
    report('two instances under load', figures, { reportsPerSecond: Math.round(reports / (figures.durationMs / 1000)), convergedAfterLoadMs: converged });
  });
});
