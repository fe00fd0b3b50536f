import { chromium, type Browser } from 'playwright-core';
import type { Venue } from '@fairwatch/venue';
import { CHROMIUM, LAUNCH_ARGS } from '../test/browser/support/chromium.ts';
import { DEMO_PASSWORD, DEVICE_KEY, startFairwatch } from './support/fairwatch.ts';
import { PacedReporter } from './support/reporter.ts';
import { quantile } from './support/stats.ts';

export { CHROMIUM };

export interface FrameFigures {
  venue: string;
  stands: number;
  frames: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Frames that took longer than 1.5 refresh intervals (a dropped frame at 60 Hz). */
  framesOver25Ms: number;
  longTasks: number;
  longTaskMs: number;
  /** Main-thread busy time per second of wall clock (Chromium's TaskDuration). */
  mainThreadBusyMsPerSecond: number | null;
  /**
   * Main-thread work per frame shown (busy time ÷ frames): what a frame costs. Frame intervals cannot
   * go under the display's refresh (16.7 ms at 60 Hz, headless Chromium paces frames the same way),
   * so this is the figure to hold against a 16 ms budget.
   */
  busyMsPerFrame: number | null;
  scriptMsPerSecond: number | null;
  kpiBefore: string | null;
  kpiAfter: string | null;
  reportsPerSecond: number;
  checkinsPerSecond: number;
}

// Page scripts as text: functions compiled by tsx carry helpers (`__name`) that the page does not have.
/** A requestAnimationFrame loop that records frame deltas, and a long-task observer. */
const INSTALL_PROBE = `(() => {
  const probe = { frames: [], longTasks: [], stop: false };
  window.__bench = probe;
  let last = performance.now();
  const loop = (t) => { probe.frames.push(t - last); last = t; if (!probe.stop) requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(e.duration); }).observe({ type: 'longtask' });
  } catch {}
})()`;
/** Stops the loop; the first delta (from installation to the first frame) is not a frame. */
const COLLECT_PROBE = `(() => { const p = window.__bench; p.stop = true; return { frames: p.frames.slice(1), longTasks: p.longTasks }; })()`;

function busyPerFrame(busyMsPerSecond: number | null, framesPerSecond: number): number | null {
  return busyMsPerSecond === null || framesPerSecond === 0 ? null : busyMsPerSecond / framesPerSecond;
}

/**
 * Frame times of the signed-in dashboard while devices report at 10 Hz: a requestAnimationFrame loop
 * and a long-task observer injected into the page, plus Chromium's own main-thread metrics.
 */
export async function measureFrames(options: { venue: Venue; venueFile?: string; durationMs: number; tickMs: number }): Promise<FrameFigures | { venue: string; error: string }> {
  const { venue } = options;
  const server = await startFairwatch({ TICK_MS: String(options.tickMs), ...(options.venueFile ? { VENUE_FILE: options.venueFile } : {}) });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) pageErrors.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    page.on('console', (entry) => {
      if (entry.type() === 'error') pageErrors.push(entry.text());
    });
    await page.goto(server.url);
    try {
      await page.fill('input[name=username]', 'operations', { timeout: 15_000 });
      await page.fill('input[name=password]', DEMO_PASSWORD);
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid=floor-map]', { timeout: 20_000 });
    } catch (error) {
      const seen = pageErrors.length ? `; page errors: ${pageErrors.slice(0, 3).join(' | ').slice(0, 400)}` : '';
      return { venue: venue.id, error: `the dashboard did not sign in or show [data-testid=floor-map]: ${String(error).split('\n')[0]}${seen}` };
    }
    await page.waitForTimeout(1_000); // first paint of the floor and the snapshot
    const kpi = () => page.locator('[data-testid=kpi-inside]').first().textContent({ timeout: 1_000 }).catch(() => null);
    const kpiBefore = await kpi();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));

    await page.evaluate(INSTALL_PROBE);
    const before = await metrics();
    const startedAt = performance.now();
    const reporter = new PacedReporter({ url: server.url, deviceKey: DEVICE_KEY, venue, intervalMs: 100, countsPerTick: 20, checkinsPerTick: 50, runId: `frames-${Date.now().toString(36)}` });
    reporter.start(0);
    await page.waitForTimeout(options.durationMs);
    const summary = await reporter.stop();
    const seconds = (performance.now() - startedAt) / 1000;
    const after = await metrics();
    const probe = (await page.evaluate(COLLECT_PROBE)) as { frames: number[]; longTasks: number[] };
    const perSecond = (name: string) => {
      const a = after.get(name);
      const b = before.get(name);
      return a === undefined || b === undefined ? null : ((a - b) * 1000) / seconds;
    };
    return {
      venue: venue.id,
      stands: venue.stands.length,
      frames: probe.frames.length,
      p50Ms: quantile(probe.frames, 0.5),
      p95Ms: quantile(probe.frames, 0.95),
      p99Ms: quantile(probe.frames, 0.99),
      maxMs: quantile(probe.frames, 1),
      framesOver25Ms: probe.frames.filter((f) => f > 25).length,
      longTasks: probe.longTasks.length,
      longTaskMs: probe.longTasks.reduce((sum, d) => sum + d, 0),
      mainThreadBusyMsPerSecond: perSecond('TaskDuration'),
      busyMsPerFrame: busyPerFrame(perSecond('TaskDuration'), probe.frames.length / seconds),
      scriptMsPerSecond: perSecond('ScriptDuration'),
      kpiBefore,
      kpiAfter: await kpi(),
      reportsPerSecond: summary.reportsPerSecond,
      checkinsPerSecond: summary.checkinsPerSecond,
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
}
