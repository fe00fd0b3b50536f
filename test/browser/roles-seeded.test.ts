/**
 * Issue 15's accessibility promise for the roles off the control room, on a seeded floor (a crowded
 * stage, alerts raised and ended, open, acknowledged and resolved incidents, yesterday's figures): the
 * guard's phone, the manager's view and printed report, the steward's tally counter, in French and
 * Arabic, with no serious or critical axe violation (WCAG 2.1 AA). The control room's roles (operations,
 * admin) are checked on the same floor in control-room.test.ts. Needs `pnpm build` first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { seriousAxeViolations, type AxeViolation } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { seedFloor, venueWithShowSoon } from './support/seed-floor.ts';
import { seedFieldReports, seedYesterday } from './support/seed-history.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const haveChromium = chromiumAvailable('the seeded role views browser tests');

describe.skipIf(!haveChromium)('every role’s main view on a seeded floor', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT: 'off', VENUE_FILE: venueWithShowSoon(12) } });
    browser = await launchChromium();
    await seedFloor(server);
    await seedYesterday(server);
    await seedFieldReports(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('fits the manager view on a 390 px phone without sideways scrolling, in French and Arabic (long stand names included)', async () => {
    for (const language of ['fr', 'ar'] as const) {
      const phone = await browser.newContext({ ...PHONE });
      const page = await phone.newPage();
      await page.addInitScript((lang) => localStorage.setItem('fairwatch.language', lang), language);
      await page.goto(server.url);
      await page.fill('input[name=username]', 'manager');
      await page.fill('input[name=password]', server.password);
      await page.click('button[type=submit]');
      await page.locator('[data-testid=mgr-reports]').waitFor({ timeout: 15_000 });
      // A phone widens its layout viewport to the widest element: the page must stay the phone's width.
      expect(await page.evaluate(() => document.documentElement.scrollWidth), language).toBeLessThanOrEqual(PHONE.viewport.width);
      await phone.close();
    }
  });

  for (const language of ['fr', 'ar'] as const) {
    it(`finds no serious or critical violation for security, manager and steward in ${language}`, async () => {
      const found: Record<string, AxeViolation[]> = {};
      const locale = language === 'ar' ? 'ar-MA' : 'fr-FR';
      const signIn = async (page: import('playwright-core').Page, user: string) => {
        await page.addInitScript((lang) => localStorage.setItem('fairwatch.language', lang), language);
        await page.goto(server.url);
        await page.fill('input[name=username]', user);
        await page.fill('input[name=password]', server.password);
        await page.click('button[type=submit]');
      };

      const phone = await browser.newContext({ ...PHONE, locale, bypassCSP: true });
      const guard = await phone.newPage();
      await signIn(guard, 'security');
      await guard.locator('[data-testid=incident-list] li').first().waitFor();
      expect(await guard.locator('html').getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
      found['phone start'] = await seriousAxeViolations(guard);
      await guard.click('[data-type=medical]');
      await guard.locator('[data-testid=report-submit]').waitFor();
      found['phone form'] = await seriousAxeViolations(guard);
      await guard.click('[data-view=mine]');
      await guard.locator('[data-testid=incident-list] li.resolved').first().waitFor();
      found['phone mine'] = await seriousAxeViolations(guard);
      await guard.locator('[data-testid=incident-list] li.resolved button').first().click();
      await guard.locator('[data-testid=incident-detail]').waitFor();
      found['phone resolved detail'] = await seriousAxeViolations(guard);
      await phone.close();

      const steward = await browser.newContext({ ...PHONE, locale, bypassCSP: true });
      const tally = await steward.newPage();
      await signIn(tally, 'steward');
      await tally.locator('[data-testid=field-app][data-page=tally]').waitFor();
      if (!(await tally.locator('[data-testid=tally-gate]').count())) await tally.click('[data-gate=main-gate]');
      await tally.locator('[data-testid=tally-gate]').waitFor();
      found['steward tally'] = await seriousAxeViolations(tally);
      await steward.close();

      const manager = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale, bypassCSP: true });
      await signIn(manager, 'manager');
      await manager.locator('[data-testid=mgr-reports]').waitFor({ timeout: 15_000 });
      // Yesterday is on screen: the comparison and the hourly chart carry two days.
      await manager.locator('[data-testid=mgr-compare] li').nth(1).waitFor();
      found.manager = await seriousAxeViolations(manager);
      await manager.click('[data-testid=mgr-open-report]');
      await manager.locator('[data-testid=report-poles] tr[data-over-capacity=true]').first().waitFor();
      // Today is the fair's second day (yesterday has figures): the printed date says so, as the screen does.
      expect(await manager.locator('[data-testid=report-date]').innerText()).toContain(language === 'ar' ? 'اليوم 2' : 'jour 2');
      found['printed report'] = await seriousAxeViolations(manager);
      await manager.close();

      expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
    });
  }
});
