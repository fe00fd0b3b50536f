import type { Browser, Page } from 'playwright-core';
import type { Venue } from '@fairwatch/venue';
import { installAdminApi, type AdminApiFixture } from './admin-api-fixture.ts';

/** Signs in as admin on `hash` (#/venue, #/people, #/audit), in English; dialogs are accepted. */
async function signInAdmin(page: Page, url: string, password: string, hash: string): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${url}/${hash}`);
  await page.fill('input[name=username]', 'admin');
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.click('[data-testid=lang-en]');
}

/** A signed-in admin on `hash`, the admin API answered by the fixture. */
export async function openAdmin(browser: Browser, url: string, password: string, hash: string, venue: Venue, options: { bypassCSP?: boolean; viewport?: { width: number; height: number } } = {}): Promise<{ page: Page; api: AdminApiFixture }> {
  // bypassCSP: the accessibility check injects axe-core (off to check the screens under the real policy).
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1600, height: 1000 }, locale: 'en-GB', bypassCSP: options.bypassCSP ?? true });
  const api = await installAdminApi(page, { venue });
  await signInAdmin(page, url, password, hash);
  return { page, api };
}

/** A signed-in admin on `hash` against the real server's admin API (no fixture). */
export async function openAdminLive(browser: Browser, url: string, password: string, hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-GB', bypassCSP: true });
  await signInAdmin(page, url, password, hash);
  return page;
}

/** Screen position of floor metres on the studio map (fitted to the floor with 10 px padding). */
export async function floorPoint(page: Page, venue: Pick<Venue, 'width' | 'height'>, [x, y]: [number, number]): Promise<{ x: number; y: number }> {
  const box = (await page.locator('[data-testid=studio-map]').boundingBox())!;
  const scale = Math.min((box.width - 20) / venue.width, (box.height - 20) / venue.height);
  return { x: box.x + box.width / 2 + (x - venue.width / 2) * scale, y: box.y + box.height / 2 - (y - venue.height / 2) * scale };
}
