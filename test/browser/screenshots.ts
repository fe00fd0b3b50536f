/**
 * `pnpm screenshots [names]`: the pictures in docs/screens/ (control room, wall, phone, manager, printed
 * report, admin tabs), taken in headless Chromium from a real server with a seeded floor (see
 * support/seed-floor.ts) and yesterday's figures (see support/seed-history.ts). Needs `pnpm build` first.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startServer } from '../../server/test/support/server-process.ts';
import { launchChromium } from './support/chromium.ts';
import { seedFloor, venueWithShowSoon } from './support/seed-floor.ts';
import { seedFieldReports, seedYesterday } from './support/seed-history.ts';

const OUT = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
const only = process.argv.slice(2);

mkdirSync(OUT, { recursive: true });
const server = await startServer({ env: { RATE_LIMIT: 'off', VENUE_FILE: venueWithShowSoon(12) } });
const browser = await launchChromium();
try {
  await seedFloor(server);
  await seedYesterday(server);
  await seedFieldReports(server);

  const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
  /** A guard's phone right after sign-in, the language chosen on the sign-in screen. */
  async function openPhone(language: 'en' | 'fr' | 'ar'): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, locale: language === 'ar' ? 'ar-MA' : `${language}-FR` });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.click(`[data-testid=lang-${language}]`);
    await page.fill('input[name=username]', 'security');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=incident-list] li').first().waitFor();
    await page.waitForTimeout(800);
    return page;
  }
  async function openManager(language: 'en' | 'fr' | 'ar'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en-GB' });
    await page.goto(server.url);
    await page.click(`[data-testid=lang-${language}]`);
    await page.fill('input[name=username]', 'manager');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=mgr-reports]').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(800);
    return page;
  }
  /** The printed daily report (French), A4 as Chromium prints it, each page a PNG. */
  async function printReport(): Promise<void> {
    const page = await openManager('fr');
    await page.click('[data-testid=mgr-open-report]');
    await page.locator('[data-testid=report-poles]').waitFor();
    await page.waitForTimeout(500);
    const dir = mkdtempSync(join(tmpdir(), 'fairwatch-shots-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), await page.pdf({ format: 'A4', printBackground: true }));
      execFileSync('pdftoppm', ['-r', '70', '-png', '-f', '1', '-l', '2', join(dir, 'report.pdf'), join(dir, 'page')]);
      renameSync(join(dir, 'page-1.png'), `${OUT}report-print.png`);
      renameSync(join(dir, 'page-2.png'), `${OUT}report-print-2.png`);
      console.log('docs/screens/report-print.png\ndocs/screens/report-print-2.png');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await page.close();
    }
  }

  async function open(width: number, height: number, language: 'en' | 'fr' | 'ar', wall = false): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-GB' });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    await page.click(`[data-testid=lang-${language}]`);
    if (wall) await page.click('[data-testid=wall-toggle]');
    await page.locator('[data-testid=alert-item]').first().waitFor();
    await page.waitForTimeout(800);
    return page;
  }
  /** The organiser's admin screens (issue 16), on the seeded venue. */
  async function openAdmin(width: number, height: number, language: 'en' | 'fr' | 'ar', hash: string, ready: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-GB' });
    await page.goto(`${server.url}/${hash}`);
    await page.fill('input[name=username]', 'admin');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.click(`[data-testid=lang-${language}]`);
    await page.locator(ready).first().waitFor();
    await page.waitForTimeout(800);
    return page;
  }
  const shots: Array<[string, () => Promise<Page>]> = [
    ['venue-studio-fr', () => openAdmin(1600, 1000, 'fr', '#/venue', '[data-testid=venue-editor] .studio-zone')],
    ['venue-studio-ar', () => openAdmin(1600, 1000, 'ar', '#/venue', '[data-testid=venue-editor] .studio-zone')],
    ['admin-people-ar-phone', () => openAdmin(390, 844, 'ar', '#/people', '[data-testid=user-row]')],
    ['admin-audit-fr', () => openAdmin(1366, 768, 'fr', '#/audit', '[data-testid=audit-row]')],
    ['control-room-1920', () => open(1920, 1080, 'en')],
    ['control-room-1366', () => open(1366, 768, 'en')],
    ['control-room-1920-ar', () => open(1920, 1080, 'ar')],
    ['control-room-1366-fr', () => open(1366, 768, 'fr')],
    ['wall-mode', () => open(1920, 1080, 'fr', true)],
    ['wall-mode-ar', () => open(1920, 1080, 'ar', true)],
    [
      'zone-details',
      async () => {
        const page = await open(1366, 768, 'en');
        await page.click('[data-testid=zone-label][data-zone=caftan-stage]');
        await page.locator('[data-testid=zone-panel]').waitFor();
        await page.waitForTimeout(500);
        return page;
      },
    ],
    [
      'replay',
      async () => {
        const page = await open(1920, 1080, 'en');
        const slider = page.locator('[data-testid=replay-slider]');
        await slider.evaluate((input: HTMLInputElement) => {
          input.value = String(Number(input.max) - 1);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        });
        await page.locator('[data-testid=replay-banner]').waitFor();
        await page.waitForTimeout(800);
        return page;
      },
    ],
    // The field and the managers (after the admin tabs, whose audit screen would list only their sign-ins).
    ['phone-list', () => openPhone('fr')],
    ['phone-list-ar', () => openPhone('ar')],
    [
      'phone-form',
      async () => {
        const page = await openPhone('fr');
        await page.click('[data-type=medical]');
        await page.locator('[data-testid=report-submit]').waitFor();
        await page.waitForTimeout(300);
        return page;
      },
    ],
    ['manager', () => openManager('fr')],
    ['manager-ar', () => openManager('ar')],
  ];
  for (const [name, take] of shots) {
    if (only.length && !only.includes(name)) continue;
    const page = await take();
    await page.screenshot({ path: `${OUT}${name}.png`, fullPage: name.startsWith('manager') });
    console.log(`docs/screens/${name}.png`);
    await page.close();
  }
  if (!only.length || only.includes('report-print')) await printReport();
} finally {
  await browser.close();
  await server.stop();
}
