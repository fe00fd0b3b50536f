/**
 * Device health in the control room, in headless Chromium against a real server: a gate that reported
 * and then went silent shows offline in `[data-testid=device-health]` and on the map within
 * GATE_OFFLINE_MS (plus a tick), while a gate that never reported shows "never seen"; the vendor
 * devices of the devices file are listed. Needs `pnpm build` first (`pnpm test` does that).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { asIfRecent, writeDevicesFile } from '../../server/test/support/devices-fixture.ts';
import { chirpstackUplink, XOVIS_LOGICS_INTERVALS } from '../../server/test/fixtures/vendor-samples.ts';
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
    const devicesFile = writeDevicesFile([
      { id: 'xovis-main', vendor: 'xovis', lines: { '0': 'main-gate' } },
      { id: 'vs133-east', vendor: 'milesight-vs133', lines: { line_1: 'promenade-products' } },
      { id: 'hook-stage', vendor: 'webhook', lines: { L1: 'promenade-stage' }, mapping: { line: 'sensor', in: 'enter', out: 'leave', id: 'uuid', battery: 'bat' } },
    ]);
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

    // What each device said of itself: its clock skew, its own count, its signal and battery.
    const push = (device: string, body: string) =>
      fetch(new URL(`/api/v1/connectors/${device}`, server.url), { method: 'POST', headers: { authorization: `Bearer ${server.deviceKey}`, 'content-type': 'application/json' }, body }).then((r) => r.status);
    // the Xovis clock runs a minute behind (its latest instant is 60 s before now)
    expect(await push('xovis-main', asIfRecent(XOVIS_LOGICS_INTERVALS))).toBe(200);
    expect(await push('vs133-east', chirpstackUplink({ line_1_total_in: 10, line_1_total_out: 4 }, new Date().toISOString()))).toBe(200);
    expect(await push('hook-stage', JSON.stringify({ sensor: 'L1', enter: 2, leave: 0, uuid: 'b-1', bat: 81 }))).toBe(200);
    const device = (id: string) => health.locator(`[data-testid=device-row][data-device="${id}"]`);
    // (the panel reads device details every 10 s)
    await expect.poll(() => device('xovis-main').getAttribute('data-status'), { timeout: 15_000 }).not.toBe('never');
    await expect.poll(() => device('xovis-main').innerText()).toMatch(/−(59|60|61) s[\s\S]*\b4\b/);
    await expect.poll(() => device('vs133-east').innerText(), { timeout: 15_000 }).toMatch(/-97 dBm/);
    await expect.poll(() => device('hook-stage').innerText(), { timeout: 15_000 }).toMatch(/81 %/);

    // In Arabic too (right to left).
    await page.click('[data-testid=lang-ar]');
    await expect.poll(() => row('second-gate').innerText()).toMatch(/غير متصل/);
    await page.close();
  });
});
