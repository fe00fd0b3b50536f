import type { BenchResults, FanoutPair } from './results.ts';
import type { TenDaysRun } from './ten-days.ts';
import { isFailed } from './results.ts';

const n = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const x = (value: number | null | undefined) => (value === null || value === undefined ? '–' : `${n(value, 2)}×`);
const kb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : `${n(bytes / 1024, 1)} KB`);
const mb = (bytes: number | null | undefined) => (bytes === null || bytes === undefined ? '–' : `${n(bytes / 2 ** 20, 1)} MB`);
const pct = (fraction: number | null | undefined) => (fraction === null || fraction === undefined ? '–' : `${fraction > 0 ? '+' : ''}${n(fraction * 100, 1)} %`);

function table(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

/** The results as Markdown tables, every figure next to the baseline of the same run. */
export function renderMarkdown(r: BenchResults): string {
  const out: string[] = [];
  const { meta } = r;
  out.push(`# FairWatch bench${meta.smoke ? ' (smoke run: figures are not meaningful)' : ''}`);
  out.push(`${meta.startedAt}, ${meta.cpus} × ${meta.cpuModel}, Node ${meta.node}; took ${n(meta.seconds)} s. Load generators run on the same cores as the servers.`);

  const i = r.ingest;
  const row = (name: string, target: { reportsPerSecond: number; serverCpuPercent: number | null; redisCpuPercent?: number; loadCpuPercent: number } | { error: string }, ratio: number | null) =>
    isFailed(target)
      ? [name, `failed: ${target.error}`, '–', '–', '–']
      : [name, n(target.reportsPerSecond), x(ratio), `${n(target.serverCpuPercent)}${target.redisCpuPercent === undefined ? '' : ` (+ redis-server ${n(target.redisCpuPercent)})`}`, n(target.loadCpuPercent)];
  out.push(`## Ingest: count reports/s accepted (batches of ${meta.settings.batch}, ${meta.settings.connections} connections, ${n(i.bodyBytes)} B bodies)`);
  const rb = i.redisBenchmark;
  out.push(
    table(['target', 'reports/s', 'vs bare Node', 'server CPU %', 'load gen CPU %'], [
      row(`bare Node http + JSON.parse (ceiling, best of ${i.ceilingRuns.map((v) => n(v)).join(' and ')})`, i.ceiling, 1),
      row('FairWatch, embedded store in memory (DATA_DIR=:memory:)', i.embedded, i.ratios.embedded),
      row(`FairWatch, durable embedded store (DATA_DIR, LMDB, synced commits): ${x(i.ratios.durableVsEmbedded)} the in-memory row`, i.durable, i.ratios.durable),
      row('FairWatch, Redis store', i.redis, i.ratios.redis),
      isFailed(rb)
        ? ['redis-benchmark', `failed: ${rb.error}`, '–', '–', '–']
        : [`redis-benchmark, the commands the ingest script issues per batch, each alone, pipelined (${rb.commands.map((c) => `${n(c.callsPerBatch, 1)} ${c.command.replace(/^\w+/, (name) => name.toUpperCase())} at ${n(c.perSecond)}/s`).join(', ')})`, n(rb.commandsReportsPerSecond), x(i.ratios.redisBenchmarkCommands), '–', '–'],
      isFailed(rb) ? [] : ['redis-benchmark, the ingest Lua script by EVALSHA (Redis alone)', rb.scriptReportsPerSecond === null ? `failed: ${rb.scriptNote}` : n(rb.scriptReportsPerSecond), x(i.ratios.redisBenchmarkScript), '–', '–'],
    ].filter((cells) => cells.length > 0)),
  );

  if (!isFailed(i.durable)) {
    out.push(`Durable embedded store on disk after its ingest run: ${mb(i.durable.diskBytes)} data file, ${n(i.durable.diskBytesPerReport, 0)} B per report accepted in the measured window (the warm-up's reports are in the file too, so this is an upper bound).`);
  }

  out.push(`## Latency: 202 → first delta that carries it (TICK_MS ${meta.settings.tickMs}, target p99 ≤ ${Number(meta.settings.tickMs) + 50} ms)`);
  out.push(
    table(['embedded store', 'clients', 'reports/s (target → sent)', 'p50 ms', 'p99 ms', 'max ms', 'samples', 'missing', 'server CPU %'],
      [
        ...r.latency.map((p) => ['in memory', p] as const),
        ...(r.latencyDurable ?? []).map((p) => ['durable (DATA_DIR)', p] as const),
      ].map(([store, p]) => (isFailed(p) ? [store, String(p.clients), String(p.targetReportsPerSecond), `failed: ${p.error}`, '', '', '', '', ''] : [store, n(p.clients), `${n(p.targetReportsPerSecond)} → ${n(p.reportsPerSecond)}`, n(p.p50Ms, 1), n(p.p99Ms, 1), n(p.maxMs, 1), n(p.samples), n(p.missing), n(p.serverCpuPercent)]))),
  );

  out.push('## Fan-out: Socket.IO deltas vs raw `ws` with the same pre-serialised frame');
  const fan = (label: string, pair: FanoutPair | { error: string }) => {
    if (isFailed(pair)) return [[label, `failed: ${pair.error}`, '', '', '', '', '', '']];
    return (['socketio', 'ws'] as const).map((kind) => {
      const f = pair[kind];
      const name = `${label}, ${kind === 'socketio' ? 'FairWatch Socket.IO' : 'raw ws'}`;
      if (isFailed(f)) return [name, `failed: ${f.error}`, '', '', '', '', '', ''];
      const ratio = kind === 'socketio' ? `${x(pair.deliveredRatio)} / ${x(pair.cpuPerDeliveryRatio)}` : '1×';
      return [name, n(f.clients), n(f.deliveredPerSecond), n(f.perClientPerSecond, 1), n(f.serverCpuPercent), n(f.cpuMicrosPerDelivery, 1), n(f.bytesPerClientPerSecond), ratio];
    });
  };
  out.push(
    table(['run', 'clients', 'delivered/s', 'per client/s', 'server CPU %', 'server CPU µs/delivery', 'bytes/client/s', 'vs ws: delivered / CPU per delivery'], [
      ...fan(`at TICK_MS ${meta.settings.tickMs}`, r.fanout.tickRate),
      ...fan('saturated (TICK_MS 10 / ws as fast as it drains)', r.fanout.saturated),
    ]),
  );
  const sio = r.fanout.tickRate.socketio;
  if (!isFailed(sio)) out.push(`Delta frames on the wire at TICK_MS ${meta.settings.tickMs}: median ${n(sio.frameBytesMedian)} B, p99 ${n(sio.frameBytesP99)} B.`);

  out.push('## Memory: server RSS per connected client (slope of RSS over 4 steps of connections)');
  const mem = (name: string, m: BenchResults['memory']['socketio'], ratio: string) =>
    isFailed(m) ? [name, `failed: ${m.error}`, '', '', '', ''] : [name, n(m.clients), kb(m.rssIdleBytes), kb(m.rssConnectedBytes), kb(m.bytesPerClient), ratio];
  out.push(table(['server', 'clients', 'RSS idle', 'RSS connected', 'per client', 'vs raw ws'], [mem('FairWatch Socket.IO', r.memory.socketio, x(r.memory.ratio)), mem('raw ws', r.memory.ws, '1×')]));

  out.push('## Dashboard: frame times in headless Chromium, devices reporting at 10 Hz');
  if (isFailed(r.dashboard)) out.push(`not measured: ${r.dashboard.error}`);
  else {
    out.push(
      table(['venue', 'stands', 'frames', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'frames > 25 ms', 'long tasks (total ms)', 'main thread busy ms/s', 'work per frame ms', 'script ms/s', 'KPI inside before → after'],
        r.dashboard.map((d) =>
          'error' in d ? [d.venue, `failed: ${d.error}`, '', '', '', '', '', '', '', '', '', '', ''] : [d.venue, n(d.stands), n(d.frames), n(d.p50Ms, 1), n(d.p95Ms, 1), n(d.p99Ms, 1), n(d.maxMs, 1), n(d.framesOver25Ms), `${n(d.longTasks)} (${n(d.longTaskMs)})`, n(d.mainThreadBusyMsPerSecond), n(d.busyMsPerFrame, 1), n(d.scriptMsPerSecond), `${d.kpiBefore ?? '–'} → ${d.kpiAfter ?? '–'}`],
        )),
    );
  }

  out.push(...tenDaysSection(r.tenDays));

  out.push('## Crowd flow: gate flow, times to clear and forecast added to each tick (issue 18)');
  const cf = r.crowdFlow;
  if (!cf) out.push('not measured');
  else if (isFailed(cf)) out.push(`not measured: ${cf.error}`);
  else out.push(table(['venue', 'zones', 'gates', 'ticks', 'wall mean ms', 'wall p99 ms', 'wall max ms', 'CPU mean ms', 'CPU p99 ms'], [[`synthetic, ${n(cf.stands)} stands`, n(cf.zones), n(cf.gates), n(cf.ticks), n(cf.meanMs, 3), n(cf.p99Ms, 3), n(cf.maxMs, 3), n(cf.cpuMeanMs, 3), n(cf.cpuP99Ms, 3)]]));

  out.push('## Targets of issue 8');
  out.push(table(['target', 'measured', 'goal', 'met'], r.targets.map((t) => [t.name, n(t.value, 2), t.target, t.ok === null ? '–' : t.ok ? 'yes' : 'no'])));
  if (r.errors.length) out.push(`## Errors\n\n${r.errors.map((e) => `- ${e}`).join('\n')}`);
  return `${out.join('\n\n')}\n`;
}

function tenDaysSection(t: BenchResults['tenDays']): string[] {
  if (isFailed(t)) return [`## Memory over simulated fair days\n\nnot measured: ${t.error}`];
  const embedded = isFailed(t.embedded) ? null : t.embedded;
  const durable = !t.durable || isFailed(t.durable) ? null : t.durable;
  const redis = isFailed(t.redis) ? null : t.redis;
  const rows = Array.from({ length: t.days }, (_, i) => {
    const e = embedded?.samples[i];
    const d = durable?.samples[i];
    const r = redis?.samples[i];
    return [String(i + 1), mb(e?.rssBytes), mb(e?.heapAfterGcBytes), n(e?.logEntries), n(e?.ids), mb(d?.rssBytes), mb(d?.heapAfterGcBytes), mb(d?.diskBytes), n(d?.logEntries), n(d?.ids), mb(r?.rssBytes), mb(r?.heapAfterGcBytes), mb(r?.redisUsedMemoryBytes), n(r?.logEntries), n(r?.ids)];
  });
  rows.unshift(['start', mb(embedded?.start.rssBytes), '', '', '', mb(durable?.start.rssBytes), '', '', '', '', mb(redis?.start.rssBytes), '', mb(redis?.start.redisUsedMemoryBytes), '', '']);
  rows.push(['growth (rule below)', pct(embedded?.rssGrowth), '', '', '', pct(durable?.rssGrowth), '', durable?.diskBytesPerDay == null ? '–' : `${mb(durable.diskBytesPerDay)}/day`, '', '', pct(redis?.rssGrowth), '', pct(redis?.redisGrowth), '', '']);
  const about = (name: string, run: TenDaysRun | { error: string }) =>
    isFailed(run)
      ? `- ${name}: not measured (${run.error}).`
      : `- ${name}: days ${run.days[0]} to ${run.days.at(-1)}, ${n(run.reports)} reports accepted, ${n(run.failures)} refused${run.firstFailure ? ` (first: ${run.firstFailure})` : ''}, at most ${n(run.maxLagMinutes)} simulated minutes behind the clock; ${n(run.seconds, 1)} s.`;
  return [
    `## Memory over ${t.days} simulated fair days (SIMULATED_CLOCK ×${n(t.clockFactor)}: a day every ${n(86_400 / t.clockFactor, 1)} s)`,
    table(['day', 'in memory: server RSS', 'V8 heap after last full GC', 'log entries', 'ids', 'durable: server RSS', 'V8 heap after last full GC', 'data file', 'log entries', 'ids', 'Redis: server RSS', 'V8 heap after last full GC', 'Redis used_memory', 'log entries', 'ids'], rows),
    `**${t.flat === null ? 'Flatness not judged' : t.flat ? 'Flat' : 'Not flat'}**${t.worstGrowth === null ? '' : ` (worst growth ${pct(t.worstGrowth)})`}: ${t.rule}.`,
    [
      `- The seeded model on the Fes venue, every day played as a Tuesday (${n(t.checkinsPerVisitorMinute, 2)} scans per visitor-minute), through the HTTP API in batches of up to 1,000, each sent once the server's clock has reached it.`,
      `- IDEMPOTENCY_TTL_S=${t.idempotencyTtlSeconds} and RAW_RETENTION_S=${t.rawRetentionSeconds}, one simulated day each: both come round on day 2, and from then on the raw stats (from the retention job) hold about one day.`,
      `- Both stores date their log and id buckets by the server's clock, so retention and id forgetting follow the simulated days (Redis's own key TTLs run on its real clock and never come round in the run; the server's trimming drops the buckets).`,
      about('Embedded in memory', t.embedded),
      t.durable ? about('Durable embedded (DATA_DIR)', t.durable) : '',
      durable ? `- Durable embedded: start-up on the ${t.days}-day data directory (spawn to /health) ${n(durable.startupMs)} ms, of which opening the store ${n(durable.storeOpenMs)} ms (the rest is Node, tsx and the server's own start); data file ${mb(durable.samples.at(-1)?.diskBytes)} after the last day, ${mb(durable.diskBytesPerDay)} a day from the middle day on (after trimming: LMDB reuses freed pages; roll-ups and per-day badge sets stay), ${n((durable.samples.at(-1)?.diskBytes ?? 0) / Math.max(1, durable.reports), 0)} B per report accepted over the fair.` : '',
      about('Redis', t.redis),
    ].filter(Boolean).join('\n'),
  ];
}
