/**
 * Device health in the control room, in headless Chromium against a real server: a gate that reported
 * and then went silent shows offline in `[data-testid=device-health]` and on the map within
 * GATE_OFFLINE_MS (plus a tick), while a gate that never reported shows "never seen"; the vendor
 * devices of the devices file are listed. Needs `pnpm build` first (`pnpm test` does that).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { writeDevicesFile } from '../../server/test/support/devices-fixture.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const haveChromium = chromiumAvailable('the device health browser tests');
/** Short, so that the test sees a gate go silent; the check is that it shows within this time. */
const GATE_OFFLINE_MS = 3_000;

describe.skipIf(!haveChromium)('device health in a browser', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;

  beforeAll(async () => {
    const devicesFile = writeDevicesFile([{ id: 'xovis-main', vendor: 'xovis', lines: { '0': 'main-gate' } }]);
    server = await startServer({ env: { RATE_LIMIT: 'off', GATE_OFFLINE_MS: String(GATE_OFFLINE_MS), DEVICES_FILE: devicesFile } });
    api = new ApiClient(server.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openSignedIn(): Promise<Page> {
    // bypassCSP: the accessibility check injects axe-core.
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB', bypassCSP: true });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    await page.click('[data-testid=lang-en]');
    // The control room keeps the gates and sensors one click away, under the floor.
    await page.click('[data-testid=sensors] > summary');
    return page;
  }

  it('shows a gate gone silent as offline within GATE_OFFLINE_MS, on the list and on the map', async () => {
    const page = await openSignedIn();
    const health = page.locator('[data-testid=device-health]');
    await health.waitFor();
    const row = (gate: string) => health.locator(`[data-testid=gate-health][data-gate="${gate}"]`);
    await expect.poll(() => row('second-gate').getAttribute('data-status')).toBe('never');
    await expect.poll(() => row('second-gate').innerText()).toMatch(/Never seen/);
    await expect.poll(() => health.locator('[data-testid=device-row][data-device="xovis-main"]').getAttribute('data-status')).toBe('never');

    const reportedAt = Date.now();
    expect((await api.post('/api/v1/counts', { id: uniqueId('gate'), gate: 'second-gate', in: 3, out: 0, at: new Date().toISOString() }, server.deviceKey)).status).toBe(202);
    await expect.poll(() => row('second-gate').getAttribute('data-status')).toBe('online');
    await expect.poll(() => row('second-gate').getAttribute('data-status'), { timeout: GATE_OFFLINE_MS + 6_000, interval: 100 }).toBe('offline');
    const shownAfterMs = Date.now() - reportedAt;
    console.log(`[device-health] silent gate shown offline ${shownAfterMs} ms after its last report (GATE_OFFLINE_MS ${GATE_OFFLINE_MS})`);
    // Offline is "silent for longer than GATE_OFFLINE_MS": it shows once that has passed, within a tick or two.
    expect(shownAfterMs).toBeGreaterThan(GATE_OFFLINE_MS);
    expect(shownAfterMs).toBeLessThan(GATE_OFFLINE_MS + 4_000);
    await expect.poll(() => row('second-gate').innerText()).toMatch(/Offline/);

    // The map marks it in the colour the legend explains.
    const markerStatus = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid=floor-map] [data-gate-status]'), (el) => el.getAttribute('data-gate-status')));
    expect(markerStatus.filter((status) => status === 'offline')).toHaveLength(1);
    expect(markerStatus.filter((status) => status === 'never').length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('[data-testid=gate-legend]').innerText()).toMatch(/Gates[\s\S]*silent \(offline\)[\s\S]*never seen/);

    // No serious accessibility problem in the panel or the map's gate key (contrast, table semantics).
    const violations = (await seriousAxeViolations(page)).filter((v) => v.targets.some((target) => /device-health|gate-legend|badge/.test(target)));
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // In Arabic too (right to left).
    await page.click('[data-testid=lang-ar]');
    await expect.poll(() => row('second-gate').innerText()).toMatch(/غير متصل/);
    await page.close();
  });
});
