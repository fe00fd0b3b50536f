/**
 * The control room as staff use it, in headless Chromium against a real server with a seeded floor
 * (a crowded stage, a busy plaza, an ended alert, a programme pre-alert, open, acknowledged and
 * resolved incidents): no serious accessibility violation in French and Arabic, a laptop screen that
 * shows the incidents and alerts without scrolling, the wall screen, the replay banner, alerts counted as
 * listed and forecasts that look like forecasts. Needs `pnpm build` first; `pnpm test` does that.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiClient } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { seedFloor, venueWithShowSoon } from './support/seed-floor.ts';

const haveChromium = chromiumAvailable('the control room browser tests');
const LEVEL_STROKES = { normal: '#2fbf71', busy: '#f2c94c', crowded: '#f2884b', critical: '#ff4d4f' } as const;

describe.skipIf(!haveChromium)('control room in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let venue: Venue;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT: 'off', VENUE_FILE: venueWithShowSoon(12) } });
    browser = await launchChromium();
    ({ venue } = await seedFloor(server));
    api = new ApiClient(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(options: { role?: 'operations' | 'admin'; language?: 'en' | 'fr' | 'ar'; width?: number; height?: number; path?: string } = {}): Promise<Page> {
    const { role = 'operations', language = 'en', width = 1920, height = 1080, path = '/' } = options;
    const page = await browser.newPage({ viewport: { width, height }, locale: 'en-GB', bypassCSP: true });
    await page.goto(new URL(path, server.url).href);
    // The language is remembered on the machine: chosen before signing in, it holds on the wall screen too.
    await page.evaluate((lang) => localStorage.setItem('fairwatch.language', lang), language);
    await page.reload();
    await page.fill('input[name=username]', role);
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=zone-label]').first().waitFor();
    await page.locator('[data-testid=alert-item]').first().waitFor();
    await expect.poll(() => page.locator('[data-testid=incident-list] li').count()).toBe(4);
    return page;
  }

  const inViewport = (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    });

  /** Whether the first match is in the viewport and not clipped by any scrolling box around it. */
  const wholeInView = (page: Page, selector: string) =>
    page.locator(selector).first().evaluate((element) => {
      const box = element.getBoundingClientRect();
      if (box.height === 0 || box.top < 0 || box.bottom > innerHeight) return false;
      for (let box2 = element.parentElement; box2; box2 = box2.parentElement) {
        if (getComputedStyle(box2).overflowY === 'visible') continue;
        const clip = box2.getBoundingClientRect();
        if (box.top < clip.top - 1 || box.bottom > clip.bottom + 1) return false;
      }
      return true;
    });

  for (const [role, language] of [['operations', 'fr'], ['operations', 'ar'], ['operations', 'en'], ['admin', 'fr'], ['admin', 'ar']] as const) {
    it(`has no serious or critical accessibility violation: ${role}, ${language}, ended alerts and resolved incidents on screen`, async () => {
      const page = await open({ role, language });
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      await page.click('[data-testid=alert-history] summary');
      await page.locator('[data-testid=alert-ended]').first().waitFor();
      expect(await page.locator('[data-testid=incident-list] li.resolved').count()).toBe(2);
      const violations = await seriousAxeViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      // And with a zone's details open beside the floor.
      await page.click('[data-testid=zone-label][data-zone=caftan-stage]');
      await page.locator('[data-testid=zone-panel]').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('shows the incidents, the active alerts and the whole floor without scrolling at 1366×768 and 1920×1080', async () => {
    for (const [width, height] of [[1366, 768], [1920, 1080]] as const) {
      const page = await open({ width, height });
      expect(await inViewport(page, '[data-testid=incident-list] li'), `${width}: first incident`).toBe(true);
      expect(await inViewport(page, '[data-testid=alert-item]'), `${width}: first alert`).toBe(true);
      expect(await inViewport(page, '[data-testid=floor-map]'), `${width}: floor`).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollHeight - innerHeight), `${width}: page scroll`).toBeLessThanOrEqual(0);
      // The floor is the largest thing on screen: larger than any other panel.
      const area = (selector: string) => page.locator(selector).evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().width * element.getBoundingClientRect().height));
      const [mapArea] = await area('[data-testid=floor-map]');
      expect(Math.max(...(await area('.panel:not(.map-panel)'))), `${width}: largest other panel`).toBeLessThan(mapArea!);
      expect(mapArea! / (width * height), `${width}: map share of the screen`).toBeGreaterThan(0.2);
      await page.close();
    }
  });

  it('fits a 1024×768 tablet in French and Arabic: the header apart, the legend not under the floor, the replay buttons and an incident in view', async () => {
    for (const language of ['fr', 'ar'] as const) {
      const page = await open({ width: 1024, height: 768, language });
      const boxes = await page.evaluate(() =>
        ['.app-header .brand', '[data-testid=venue-clock]', '[data-testid=connection-state]', '.app-header .languages'].map((selector) => {
          const box = document.querySelector(selector)!.getBoundingClientRect();
          return { selector, left: box.left, right: box.right, top: box.top, bottom: box.bottom };
        }),
      );
      for (const [i, a] of boxes.entries()) {
        for (const b of boxes.slice(i + 1)) {
          const apart = a.right <= b.left + 1 || b.right <= a.left + 1 || a.bottom <= b.top + 1 || b.bottom <= a.top + 1;
          expect(apart, `${language}: ${a.selector} over ${b.selector}`).toBe(true);
        }
      }
      // The floor is drawn above its legend, not over it.
      const [map, legend] = await Promise.all(['[data-testid=floor-map]', '[data-testid=map-legend]'].map(async (selector) => (await page.locator(selector).boundingBox())!));
      expect(map!.y + map!.height, `${language}: floor over its legend`).toBeLessThanOrEqual(legend!.y + 1);
      expect(await inViewport(page, '[data-testid=replay-play-60]'), `${language}: replay button`).toBe(true);
      // The first incident's type, severity and status row at least (the list scrolls on its own).
      expect(await page.locator('[data-testid=incident-list] li').first().evaluate((li) => li.getBoundingClientRect().top + 48 <= Math.min(innerHeight, li.closest('.panel')!.getBoundingClientRect().bottom)), `${language}: first incident`).toBe(true);
      const replay = (await page.locator('[data-testid=replay-play-60]').boundingBox())!;
      const panel = (await page.locator('.map-panel').boundingBox())!;
      expect(replay.x >= panel.x && replay.x + replay.width <= panel.x + panel.width, `${language}: replay button cut off`).toBe(true);
      await page.close();
    }
  });

  it('reaches every control from the keyboard: languages, views, replay, the floor and its zones, alerts and incidents', async () => {
    const page = await open({ width: 1366, height: 768 });
    const reached = new Set<string>();
    for (let i = 0; i < 160; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return '';
        return el.dataset.testid ?? (el.dataset.view ? `view-${el.dataset.view}` : el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName.toLowerCase());
      });
      reached.add(name);
    }
    for (const control of ['lang-fr', 'view-mine', 'replay-slider', 'whole-floor', 'zone-label', 'alert-ack', 'alert-sound', 'incident-list']) {
      expect([...reached], `${control} in ${[...reached].join(', ')}`).toContain(control);
    }
    // A zone label opens its details from the keyboard, and Escape closes them.
    await page.locator('[data-testid=zone-label][data-zone=caftan-stage]').focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid=zone-panel]').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=zone-panel]').count()).toBe(0);
    await page.close();
  });

  it('labels every zone with its name and figure, in the colour of its level against its own thresholds', async () => {
    const page = await open({ width: 1366, height: 768 });
    const snapshot = (await api.get<Snapshot>('/api/v1/stats', await api.login('operations', server.password))).body;
    const labels = page.locator('[data-testid=zone-label]');
    expect(await labels.count()).toBe(venue.zones.length);
    for (const [index, zone] of venue.zones.entries()) {
      const figures = snapshot.zones[zone.id]!;
      const label = page.locator(`[data-testid=zone-label][data-zone="${zone.id}"]`);
      await expect.poll(async () => (await label.innerText()).replace(/\D/g, '')).toContain(String(figures.occupancy));
      expect((await label.innerText()).replace(/\s+/g, ' ')).toContain(zone.name.en);
      expect(await page.locator('[data-testid=floor-map] .zone-shape').nth(index).getAttribute('stroke')).toBe(LEVEL_STROKES[figures.level]);
      // Readable from across the room: no name under 11 px, even at 1366×768.
      expect(await label.locator('.name').evaluate((element) => parseFloat(getComputedStyle(element).fontSize))).toBeGreaterThanOrEqual(11);
    }
    // The products pole is quiet: it is not drawn in any alarming colour anywhere on the floor.
    expect(snapshot.zones['products-pole']!.level).toBe('normal');
    const fills = await page.locator('[data-testid=floor-map] path[fill]').evaluateAll((paths) => paths.map((path) => path.getAttribute('fill')));
    expect(fills).not.toContain(LEVEL_STROKES.critical);
    await page.close();
  });

  it('counts the alerts it lists, keeps ended ones in a closed history without actions, and shows pre-alerts as forecasts', async () => {
    const page = await open();
    const alerts = (await api.get<{ alerts: Alert[] }>('/api/v1/alerts', await api.login('operations', server.password))).body.alerts;
    const active = alerts.filter((alert) => alert.clearedAt === null);
    const items = page.locator('[data-testid=alert-item]');
    await expect.poll(() => items.count()).toBe(active.length);
    expect(Number(await page.locator('[data-testid=alert-count]').innerText())).toBe(active.length);
    const history = page.locator('[data-testid=alert-history]');
    expect(await history.getAttribute('open')).toBeNull();
    await history.locator('summary').click();
    expect(await page.locator('[data-testid=alert-ended]').count()).toBe(alerts.length - active.length);
    expect(await history.locator('button').count()).toBe(0);
    // The Caftan Show's pre-alert: a forecast badge and "expected", not the level badge of a level reached.
    const programme = page.locator('[data-testid=alert-item][data-kind=programme][data-zone=caftan-stage]');
    expect(await programme.locator('[data-testid=forecast-badge]').count()).toBe(1);
    expect(await programme.locator('.badge').count()).toBe(0);
    expect(await programme.innerText()).toMatch(/expected/);
    expect(await page.locator('[data-testid=zone-label][data-zone=caftan-stage] [data-testid=zone-forecast]').count()).toBe(1);
    // One sound switch for crowd and incident alarms.
    expect(await page.locator('[data-testid=alert-sound]').count()).toBe(1);
    expect(await page.locator('[data-testid=crowd-sound]').count()).toBe(0);
    await page.close();
  });

  it('opens zone details beside the floor, never over it, and comes back to the whole floor in one click', async () => {
    const page = await open({ width: 1366, height: 768 });
    const mapBox = async () => (await page.locator('[data-testid=floor-map]').boundingBox())!;
    await page.click('[data-testid=zone-label][data-zone=caftan-stage]');
    const panel = (await page.locator('[data-testid=zone-panel]').boundingBox())!;
    const map = await mapBox();
    expect(panel.x >= map.x + map.width || panel.x + panel.width <= map.x).toBe(true);
    expect(await page.locator('[data-testid=zone-panel]').innerText()).toContain('Caftan Show stage');
    // 1,010 people on a stage made for 777: said in words, not only in colour.
    expect(await page.locator('[data-testid=zone-panel] [data-testid=over-capacity]').count()).toBe(1);
    // Every zone is still drawn inside the map's box.
    for (const zone of venue.zones) {
      const box = (await page.locator(`[data-testid=zone-label][data-zone="${zone.id}"]`).boundingBox())!;
      expect(box.x >= map.x - 1 && box.x + box.width <= map.x + map.width + 1, zone.id).toBe(true);
    }
    await page.click('[data-testid=whole-floor]');
    expect(await page.locator('[data-testid=zone-panel]').count()).toBe(0);
    // The zoom buttons speak the screen's language.
    await page.click('[data-testid=lang-fr]');
    expect(await page.locator('[data-testid=whole-floor] ~ button').first().getAttribute('aria-label')).toBe('Zoom avant');
    await page.close();
  });

  it('runs as a wall screen: no controls, larger type, the clock and the connection always in view', async () => {
    const normal = await open();
    const normalSize = await normal.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    await normal.close();
    const page = await open({ path: '/?wall' });
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))).toBeGreaterThan(normalSize);
    expect(await inViewport(page, '[data-testid=venue-clock]')).toBe(true);
    expect(await page.locator('[data-testid=venue-clock] time').innerText()).toMatch(/^\d\d:\d\d$/);
    expect(await inViewport(page, '[data-testid=connection-state]')).toBe(true);
    await expect.poll(() => page.locator('[data-testid=connection-state]').getAttribute('data-state')).toBe('live');
    for (const control of ['[data-view]', '[data-testid=lang-fr]', '[data-testid=replay-slider]', '[data-testid=alert-ack]', '[data-testid=whole-floor]', 'select', '[data-testid=alert-sound]', '[data-testid=egress-how]']) {
      expect(await page.locator(control).evaluateAll((found) => found.filter((element) => element.getClientRects().length > 0).length), control).toBe(0);
    }
    // Nobody scrolls a wall: the first alert and the first incident are whole, not cut by their panel.
    for (const selector of ['[data-testid=alert-item]', '[data-testid=incident-list] li']) expect(await wholeInView(page, selector), selector).toBe(true);
    expect(await inViewport(page, '[data-testid=incident-list] li')).toBe(true);
    // Escape (or Tab to the hidden button) gives the controls back.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-view]').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).search).toBe('');
    await page.close();
  });

  it('makes a replay unmistakable: a banner with the replayed time, a tint, and a header that no longer says live', async () => {
    const page = await open();
    const status = page.locator('[data-testid=connection-state]');
    await expect.poll(() => status.innerText()).toMatch(/Live/);
    const slider = page.locator('[data-testid=replay-slider]');
    const frameAnswer = page.waitForResponse((response) => response.url().includes('/api/v1/replay?at='));
    await slider.evaluate((input: HTMLInputElement) => {
      input.value = String(Number(input.max) - 1);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const banner = page.locator('[data-testid=replay-banner]');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/REPLAY.*\d\d:\d\d:\d\d.*Not live/);
    expect(await status.innerText()).not.toMatch(/Live/);
    expect(await status.getAttribute('data-replay')).toBe('true');
    expect(await page.locator('[data-testid=control-room].replaying').count()).toBe(1);
    // The incidents listed are the replayed minute's, as the server rebuilt them.
    const frame = (await (await frameAnswer).json()) as { incidents: unknown[] };
    await expect.poll(() => page.locator('[data-testid=incident-list] li').count()).toBe(frame.incidents.length);
    await banner.locator('button').click();
    await expect.poll(() => banner.count()).toBe(0);
    await expect.poll(() => status.innerText()).toMatch(/Live/);
    await page.close();
  });
});
