/**
 * Crowd flow and egress (issue 18) in headless Chromium against a real server whose clock runs 20x
 * (SIMULATED_CLOCK), so that "2 minutes at level E" takes 6 real seconds and no test sleeps for server
 * time: a surge through the main gate raises its level of service on the map and a gate-flow alert;
 * blocking that exit in the what-if view raises the time to clear of the zone behind it, live state
 * untouched. Needs `pnpm build` first (the server serves dashboard/dist); `pnpm test` does that.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Snapshot } from '@fairwatch/protocol';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';

const haveChromium = chromiumAvailable('the crowd-flow browser tests');
const FACTOR = 20;

describe.skipIf(!haveChromium)('crowd flow and what-if in a browser', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;
  let startMs: number;
  let realStartMs: number;

  beforeAll(async () => {
    // 10:00 at the venue today (Africa/Casablanca is UTC+1), so that the fast clock stays within the day.
    const today = new Date().toISOString().slice(0, 10);
    startMs = Date.parse(`${today}T09:00:00Z`);
    server = await startServer({ env: { RATE_LIMIT: 'off', SIMULATED_CLOCK: `${new Date(startMs).toISOString()}x${FACTOR}` } });
    // Taken after the server started: our estimate of its clock is a little behind it, never ahead.
    realStartMs = Date.now();
    api = new ApiClient(server.url);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const serverNow = () => new Date(startMs + (Date.now() - realStartMs) * FACTOR).toISOString();
  const count = (inCount: number, outCount: number) =>
    api.post('/api/v1/counts', { id: uniqueId('surge'), gate: 'main-gate', in: inCount, out: outCount, at: serverNow() }, server.deviceKey);

  async function openSignedIn(role = 'operations'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB', bypassCSP: true });
    await page.goto(server.url);
    await page.fill('input[name=username]', role);
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    if (role === 'manager') {
      await page.locator('[data-testid=mgr-reports]').waitFor({ timeout: 15_000 });
      await page.click('[data-testid=lang-en]');
      return page;
    }
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    await page.click('[data-testid=lang-en]');
    return page;
  }

  it('shows a surge through one gate as its level of service rising on the map and a gate-flow alert', async () => {
    const page = await openSignedIn();
    const badge = page.locator('[data-testid=gate-flow-main-gate]');
    await expect.poll(() => badge.getAttribute('data-los'), { timeout: 10_000 }).toBe('A');
    await expect.poll(() => page.locator('[data-testid=kpi-egress]').innerText()).toMatch(/0\.0 min/);

    // 300 in and 300 out through the 6 m gate at least every 3 real seconds (a server minute): 100 persons/m/min, level F.
    const first = await count(300, 0);
    expect(first.status).toBe(202);
    let surging = true;
    const surge = (async () => {
      while (surging) {
        await count(300, 300);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    try {
      await expect.poll(() => badge.getAttribute('data-los'), { timeout: 10_000 }).toBe('F');
      expect(Number(await badge.getAttribute('data-flow'))).toBeGreaterThan(82);
      // The alert comes once F has held for 2 server minutes.
      const alert = page.locator('[data-testid=alert-item][data-kind=gate-flow]');
      await expect.poll(() => alert.count(), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await alert.first().getAttribute('data-level')).toBe('critical');
      await expect.poll(() => alert.first().innerText()).toMatch(/Main gate.*level F/i);
      // Acknowledged like a zone alert: by whom, kept on the alert.
      await alert.first().locator('[data-testid=alert-ack]').click();
      await expect.poll(() => alert.first().locator('[data-testid=alert-acknowledged]').innerText()).toMatch(/operations/);
      const alerts = (await api.get<{ alerts: Alert[] }>('/api/v1/alerts', await api.login('operations', server.password))).body.alerts;
      expect(alerts.find((a) => a.kind === 'gate-flow' && a.gate === 'main-gate' && a.clearedAt === null)).toMatchObject({ acknowledgedBy: 'operations' });
    } finally {
      surging = false;
      await surge;
    }
    // The whole floor's time to clear, with its formula a click away.
    await page.click('[data-testid=egress-how]');
    await expect.poll(() => page.locator('[data-testid=egress-formula]').innerText()).toMatch(/82 persons\/m\/min/);
    // And each zone's, in its panel, with the target in words beside the colour.
    await page.click('[data-testid=zone-label][data-zone=entrance-plaza]');
    await expect.poll(() => page.locator('[data-testid=zone-clear-target]').innerText()).toMatch(/target 8 min/);
    // The zone's gates with their flows over 1 and 5 minutes and their levels.
    expect(await page.locator('[data-testid=zone-egress]').innerText()).toMatch(/Main gate: [\d,.]+ persons\/m\/min \(5 min: [\d,.]+\), level [A-F]/);
    await page.click('[data-testid=zone-egress-how]');
    await expect.poll(() => page.locator('[data-testid=zone-egress-formula]').innerText()).toMatch(/zones in front of it[\s\S]*82 persons\/m\/min[\s\S]*Green Guide/);
    await page.close();
  });

  it('raises the time to clear of the zone behind an exit blocked in the what-if view, without changing live state', async () => {
    const page = await openSignedIn();
    // The planning view sits one click away under the floor.
    await page.click('[data-testid=what-if-details] > summary');
    await page.click('[data-testid=what-if-toggle]');
    await page.locator('[data-testid=what-if-banner]').waitFor();
    await page.locator('[data-testid=what-if-map-banner]').waitFor();
    const plaza = page.locator('[data-testid=what-if-zone-entrance-plaza]');
    await expect.poll(async () => Number(await plaza.getAttribute('data-live')), { timeout: 10_000 }).toBeGreaterThan(0);
    const live = Number(await plaza.getAttribute('data-live'));
    expect(Number(await plaza.getAttribute('data-minutes'))).toBe(live);

    // Click the exit on the map: the plaza's people have only the 4 m second gate left, through the promenade.
    await page.locator('[data-testid=gate-flow-main-gate]').click();
    await expect.poll(() => page.locator('[data-testid=gate-flow-main-gate]').getAttribute('data-blocked')).toBe('true');
    await expect.poll(async () => Number(await plaza.getAttribute('data-minutes')), { timeout: 10_000 }).toBeGreaterThan(live);
    expect(await page.locator('[data-testid=what-if-gate-main-gate]').getAttribute('aria-pressed')).toBe('true');

    // Planning only: the live figures still have the gate open.
    const stats = (await api.get<Snapshot>('/api/v1/stats', await api.login('operations', server.password))).body;
    expect(stats.gates['main-gate']?.closed).toBe(false);
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);

    // The columns say which figure is planned and which is live.
    const headers = await page.locator('[data-testid=what-if-panel] thead th').allInnerTexts();
    expect(headers).toEqual(['Zone', 'Planned (min)', 'Live (min)']);
    // And the live column is not cut off in the narrow dock, in French or Arabic either.
    for (const language of ['fr', 'ar', 'en'] as const) {
      await page.click(`[data-testid=lang-${language}]`);
      const overflow = await page.locator('[data-testid=what-if-panel]').evaluate((panel) => panel.scrollWidth - panel.clientWidth);
      expect(overflow, language).toBeLessThanOrEqual(0);
    }

    // Leaving the view forgets the block.
    await page.click('[data-testid=what-if-toggle]');
    await expect.poll(() => page.locator('[data-testid=gate-flow-main-gate]').getAttribute('data-blocked')).toBe('false');
    await page.close();
  });

  it("shows managers the day's worst gate flow and time to clear, with when, in their view and the printed report", async () => {
    const page = await openSignedIn('manager');
    // The surge of the first test: the 6 m main gate at level F.
    const flow = page.locator('[data-testid=worst-gate-flow]');
    await expect.poll(() => flow.innerText(), { timeout: 15_000 }).toMatch(/persons\/m\/min at Main gate, level F at \d{2}:\d{2}/);
    await expect.poll(() => page.locator('[data-testid=worst-time-to-clear]').innerText()).toMatch(/\d\.\d min at \d{2}:\d{2} · target 8 min/);
    await page.click('[data-testid=mgr-open-report]');
    await expect.poll(() => page.locator('[data-testid=worst-gate-flow]').innerText(), { timeout: 15_000 }).toMatch(/Main gate, level F at \d{2}:\d{2}/);
    await page.close();
  });

  it('closes an exit for real only once confirmed, audited with its note, and the live figures follow until it is reopened', async () => {
    const page = await openSignedIn();
    const token = await api.login('operations', server.password);
    const closed = async () => (await api.get<Snapshot>('/api/v1/stats', token)).body.gates['main-gate']?.closed;
    await page.click('[data-testid=what-if-details] > summary');
    await page.click('[data-testid=gate-close-main-gate]');
    await page.locator('[data-testid=gate-close-confirm]').waitFor();
    // A first click only asks: nothing is closed yet.
    expect(await closed()).toBe(false);
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
    await page.fill('[data-testid=gate-close-note]', 'delivery truck in front');
    await page.click('[data-testid=gate-close-yes]');
    await expect.poll(closed).toBe(true);
    await expect.poll(() => page.locator('[data-testid=gate-flow-main-gate]').getAttribute('data-closed')).toBe('true');
    await expect.poll(() => page.locator('article.egress').innerText()).toMatch(/1 gate closed/);
    const audit = JSON.stringify((await api.get('/api/v1/audit?limit=20', await api.login('admin', server.password))).body);
    expect(audit).toContain('gate.close');
    expect(audit).toContain('delivery truck in front');

    await page.click('[data-testid=gate-close-main-gate]');
    await page.click('[data-testid=gate-close-yes]');
    await expect.poll(closed).toBe(false);
    await expect.poll(() => page.locator('[data-testid=gate-flow-main-gate]').getAttribute('data-closed')).toBe('false');
    await page.close();
  });
});
