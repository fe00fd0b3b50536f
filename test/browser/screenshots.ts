/**
 * `pnpm screenshots`: the control room's pictures in docs/screens/, taken in headless Chromium from a
 * real server with a seeded floor (see support/seed-floor.ts). Needs `pnpm build` first.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startServer } from '../../server/test/support/server-process.ts';
import { launchChromium } from './support/chromium.ts';
import { seedFloor, venueWithShowSoon } from './support/seed-floor.ts';

const OUT = fileURLToPath(new URL('../../docs/screens/', import.meta.url));
const only = process.argv.slice(2);

mkdirSync(OUT, { recursive: true });
const server = await startServer({ env: { RATE_LIMIT: 'off', VENUE_FILE: venueWithShowSoon(12) } });
const browser = await launchChromium();
try {
  await seedFloor(server);

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
  ];
  for (const [name, take] of shots) {
    if (only.length && !only.includes(name)) continue;
    const page = await take();
    await page.screenshot({ path: `${OUT}${name}.png` });
    console.log(`docs/screens/${name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
