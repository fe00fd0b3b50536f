/**
 * The phone's logging screen offline: 20 incidents logged with no network, kept through two reloads
 * (the page itself comes from the service worker), sent once each when the network returns, and seen
 * on the control room's floor map. Needs `pnpm build` first (the server serves dashboard/dist).
 */
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import type { Incident } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiClient } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';

const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fr-FR' };
const REPORTS = 20;

const haveChromium = chromiumAvailable('the offline incident browser tests');

describe.skipIf(!haveChromium)('incidents logged from a phone, offline first', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;
  let venue: Venue;

  beforeAll(async () => {
    server = await startServer();
    api = new ApiClient(server.url);
    browser = await launchChromium();
    venue = (await api.get<Venue>('/api/v1/venue', await api.login('operations', server.password))).body;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, role: string): Promise<void> {
    await page.goto(server.url);
    await page.fill('input[name=username]', role);
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
  }

  const waiting = (page: Page) => page.locator('[data-testid=outbox-count]').getAttribute('data-count');

  /** What a guard does: type, severity, stand by number (or a tap on the map), a few words, send. */
  async function logIncident(page: Page, stand: string | 'tap', description: string): Promise<void> {
    await page.click('[data-type=security]');
    await page.click('[data-severity=high]');
    if (stand === 'tap') {
      await page.click('[data-mode=map]');
      await page.locator('[data-testid=location-map]').click({ position: { x: 120, y: 60 } });
    } else {
      await page.click('[data-mode=stand]');
      await page.fill('input[name=stand-search]', stand);
      await page.click(`[data-stand="${stand}"]`);
    }
    await page.fill('textarea[name=description]', description);
    await page.click('[data-testid=report-submit]');
  }

  it('keeps 20 reports through two offline reloads and sends each exactly once when back online', async () => {
    const phone: BrowserContext = await browser.newContext(PHONE);
    const page = await phone.newPage();
    await signIn(page, 'security');
    // Security on a phone lands on the logging screen.
    await page.locator('[data-testid=report-form]').waitFor();
    await expect.poll(() => waiting(page)).toBe('0');
    // The page is controlled by the service worker once it has cached the shell.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);

    // One typical incident, timed as a scripted user (online, so it goes straight through).
    const started = performance.now();
    await logIncident(page, venue.stands[0]!.id, `Bagarre devant le stand, deux personnes (${Date.now()})`);
    await expect.poll(() => page.locator('[data-testid=report-confirmation]').count()).toBe(1);
    const elapsed = performance.now() - started;
    console.log(`[incidents] a scripted user logged a typical incident (type, severity, stand by number, description, send) in ${Math.round(elapsed)} ms`);
    await expect.poll(() => waiting(page), { timeout: 10_000 }).toBe('0');

    await phone.setOffline(true);
    const run = Date.now().toString(36);
    const descriptions: string[] = [];
    for (let i = 0; i < REPORTS; i++) {
      const stand = venue.stands[(i + 1) % venue.stands.length]!;
      const description = i % 2 ? `شجار قرب الرواق ${i} (${run})` : `Colis suspect n°${i} (${run})`;
      descriptions.push(description);
      await logIncident(page, i === 0 ? 'tap' : stand.id, description);
      await expect.poll(() => waiting(page)).toBe(String(i + 1));
    }
    expect(await page.locator('[data-testid=outbox-count]').innerText()).toMatch(/20 en attente d’envoi/);

    for (let reload = 0; reload < 2; reload++) {
      await page.reload();
      await page.locator('[data-testid=report-form]').waitFor();
      await expect.poll(() => waiting(page)).toBe(String(REPORTS));
    }
    const before = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', await api.login('manager', server.password))).body.incidents;
    expect(before.filter((incident) => incident.description.endsWith(`(${run})`))).toHaveLength(0);

    await phone.setOffline(false);
    await expect.poll(() => waiting(page), { timeout: 30_000 }).toBe('0');

    const token = await api.login('manager', server.password);
    const stored = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', token)).body.incidents;
    for (const description of descriptions) {
      expect(stored.filter((incident) => incident.description === description), description).toHaveLength(1);
    }
    const ours = stored.filter((incident) => incident.description.endsWith(`(${run})`));
    expect(ours).toHaveLength(REPORTS);
    expect(ours.every((incident) => incident.reportedBy === 'security' && incident.zone)).toBe(true);
    expect(ours.filter((incident) => incident.position)).toHaveLength(1);

    // The control room sees every one of them pinned on the floor map.
    const controlRoom = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    await signIn(controlRoom, 'operations');
    await controlRoom.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    for (const incident of ours) {
      await expect.poll(() => controlRoom.locator(`[data-testid=floor-map] .incident-${incident.id}`).count(), { timeout: 10_000 }).toBe(1);
    }
    await controlRoom.close();
    await phone.close();
  });

  it('raises a banner in the control room for a new critical incident, and the workflow runs from the detail', async () => {
    const controlRoom = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    await signIn(controlRoom, 'operations');
    await controlRoom.locator('[data-testid=incident-list]').waitFor();
    const security = await api.login('security', server.password);
    const id = crypto.randomUUID();
    const created = await api.post('/api/v1/incidents', { id, type: 'fire', severity: 'critical', description: 'Fumée dans le local technique', zone: venue.zones[0]!.id }, security);
    expect(created.status).toBe(201);
    const alert = controlRoom.locator('[data-testid=incident-alert][data-kind=critical]');
    await alert.waitFor({ timeout: 10_000 });
    await alert.getByRole('button', { name: 'Open' }).click();
    const detail = controlRoom.locator('[data-testid=incident-detail]');
    await detail.locator('[data-action=acknowledge]').click();
    await expect.poll(() => alert.count()).toBe(0);
    await detail.locator('[data-action=assign-me]').click();
    await detail.locator('textarea[name=note]').fill('Pompiers prévenus');
    await detail.getByRole('button', { name: 'Add note' }).click();
    // Resolving asks first, with an optional note.
    await detail.locator('[data-action=resolve]').click();
    await detail.locator('textarea[name=closing-note]').fill('Feu éteint, local aéré');
    await detail.locator('[data-action=confirm-resolve]').click();
    await expect.poll(async () => (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', security)).body.incidents.find((i) => i.id === id)?.status).toBe('resolved');
    const stored = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', security)).body.incidents.find((i) => i.id === id)!;
    expect(stored.history.map((step) => step.kind ?? step.status)).toEqual(['open', 'acknowledged', 'assigned', 'note', 'resolved']);
    expect(stored.history.at(-1)!.note).toBe('Feu éteint, local aéré');
    await expect.poll(() => detail.innerText()).toMatch(/Time to resolve/);
    await controlRoom.close();
  });
});
