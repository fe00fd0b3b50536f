/**
 * The operations view in headless Chromium against a real server: a surge driven through the API
 * changes a zone's level, raises an alert that is acknowledged from the dashboard, and the replay shows
 * the floor at the earlier minute. Also measures the frame time while the floor updates at 10 Hz.
 * Needs `pnpm build` first (the server serves dashboard/dist); `pnpm test` does that.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';

const haveChromium = chromiumAvailable('the operations browser tests');

describe.skipIf(!haveChromium)('operations view in a browser', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;
  let venue: Venue;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT: 'off' } });
    api = new ApiClient(server.url);
    browser = await launchChromium();
    venue = (await api.get<Venue>('/api/v1/venue', await api.login('operations', server.password))).body;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openSignedIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    await page.click('[data-testid=lang-en]');
    return page;
  }

  it('shows a surge: the zone changes level, the alert appears, is acknowledged, and the replay shows the minute before', async () => {
    const gate = venue.gates.find((candidate) => candidate.from === null)!;
    const zone = venue.zones.find((candidate) => candidate.id === gate.to)!;
    const page = await openSignedIn();
    const zoneIndex = venue.zones.indexOf(zone);
    const stroke = () => page.locator('[data-testid=floor-map] .zone-shape').nth(zoneIndex).getAttribute('stroke');
    await expect.poll(stroke).toBe('#2fbf71'); // normal

    const beforeSurge = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const surge = Math.ceil(zone.thresholds.crowded * zone.areaM2) + 10;
    expect((await api.post('/api/v1/counts', { id: uniqueId('surge'), gate: gate.id, in: surge, out: 0, at: new Date().toISOString() }, server.deviceKey)).status).toBe(202);

    await expect.poll(stroke, { timeout: 10_000 }).toBe('#f2884b'); // crowded
    const alert = page.locator(`[data-testid=alert-item][data-zone="${zone.id}"][data-kind=threshold]`);
    await expect.poll(() => alert.first().getAttribute('data-level'), { timeout: 10_000 }).toBe('crowded');
    await alert.first().locator('[data-testid=alert-ack]').click();
    await expect.poll(() => alert.first().locator('[data-testid=alert-acknowledged]').innerText()).toMatch(/acknowledged by operations/);
    // It survives a reload: the alert lives in the store.
    await page.reload();
    await expect.poll(() => page.locator(`[data-testid=alert-item][data-zone="${zone.id}"] [data-testid=alert-acknowledged]`).count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // The slider at the minute before the surge: the zone is normal again there; back to live in one click.
    const slider = page.locator('[data-testid=replay-slider]');
    await slider.waitFor();
    const minute = await slider.evaluate((input: HTMLInputElement, beforeMs) => {
      const max = Number(input.max);
      const minutesAgo = Math.ceil((Date.now() - beforeMs) / 60_000);
      return max - minutesAgo;
    }, beforeSurge);
    await slider.evaluate((input: HTMLInputElement, value) => {
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, minute);
    await expect.poll(() => page.locator('[data-testid=replay-time]').innerText()).toMatch(/Floor at \d\d:\d\d/);
    await expect.poll(stroke, { timeout: 10_000 }).toBe('#2fbf71');
    await page.click('[data-testid=replay-live]');
    await expect.poll(stroke, { timeout: 10_000 }).toBe('#f2884b');
    await page.close();
  });

  it('keeps frames smooth while the floor updates at 10 Hz', async () => {
    const page = await openSignedIn();
    const entrances = venue.gates.filter((candidate) => candidate.from === null);
    await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stopFrames: boolean };
      w.frames_ = [];
      let last = performance.now();
      const frame = (now: number) => {
        w.frames_.push(now - last);
        last = now;
        if (!w.stopFrames) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    // 10 reports a second for 5 s, each moving people on every entrance (the server ticks at 50 ms).
    for (let i = 0; i < 50; i++) {
      const at = new Date().toISOString();
      await api.post('/api/v1/counts', entrances.map((gate, g) => ({ id: uniqueId('hz'), gate: gate.id, in: 3 + ((i + g) % 5), out: (i + g) % 3, at })), server.deviceKey);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const frames = await page.evaluate(() => {
      const w = window as unknown as { frames_: number[]; stopFrames: boolean };
      w.stopFrames = true;
      return w.frames_.slice(1);
    });
    const sorted = [...frames].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
    console.log(`[frames] operations view at 10 Hz, 1920x1080, headless Chromium: ${frames.length} frames, p50 ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    expect(frames.length).toBeGreaterThan(50);
    expect(pct(95)).toBeLessThan(100);
    await page.close();
  });
});
