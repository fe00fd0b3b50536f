/**
 * Issue 15, the field and the managers: the manager view on an empty day and with one check-in, the
 * guard's phone (incident list right after sign-in, a header under 100 px, offline within 5 s and said
 * once, nothing under the send bar, 44 px targets, the logged time kept from offline), resolving with a
 * confirmation and reopening, the printed report (no blank page, poles over capacity flagged), and axe
 * (WCAG 2.1 AA) on the phone and manager views in French, Arabic and English.
 * Needs `pnpm build` first (the server serves dashboard/dist); `pnpm test` does that.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const haveChromium = chromiumAvailable('the field and manager browser tests');
const PDFTOPPM = '/usr/bin/pdftoppm';

describe.skipIf(!haveChromium)('the guard’s phone and the manager view', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;
  let venue: Venue;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServer();
    api = new ApiClient(server.url);
    browser = await launchChromium();
    for (const role of ['security', 'operations', 'manager'] as const) tokens[role] = await api.login(role, server.password);
    venue = (await api.get<Venue>('/api/v1/venue', tokens.operations)).body;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Signs in; `language` is chosen on the sign-in screen, as a user would. Page errors are collected. */
  async function signIn(page: Page, role: string, language: 'fr' | 'ar' | 'en' = 'fr'): Promise<string[]> {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.click(`[data-testid=lang-${language}]`);
    await page.fill('input[name=username]', role);
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    return errors;
  }

  const phoneContext = (language = 'fr-FR') => browser.newContext({ ...PHONE, locale: language, bypassCSP: true });
  const incidents = async () => (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', tokens.operations)).body.incidents;

  it('renders the manager view on an empty day, and with one check-in and one entry (charts with a maximum of 1)', async () => {
    for (const step of ['empty', 'one'] as const) {
      if (step === 'one') {
        const entrance = venue.gates.find((gate) => gate.from === null)!;
        expect((await api.post('/api/v1/checkins', [{ id: uniqueId('c'), stand: venue.stands[0]!.id, badge: 'B-1', at: new Date().toISOString() }], server.deviceKey)).status).toBe(202);
        expect((await api.post('/api/v1/counts', [{ id: uniqueId('n'), gate: entrance.id, in: 1, out: 0, at: new Date().toISOString() }], server.deviceKey)).status).toBe(202);
      }
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
      const errors = await signIn(page, 'manager');
      await page.locator('[data-testid=mgr-reports]').waitFor({ timeout: 15_000 });
      await page.locator('[data-testid=mgr-hourly] svg').waitFor();
      expect(errors).toEqual([]);
      // Dates as days of the fair; empty charts say what will appear there.
      expect(await page.locator('[data-testid=mgr-day]').innerText()).toMatch(/jour 1$/);
      const checkinsChart = page.locator('[data-testid=mgr-checkins-hourly]');
      if (step === 'empty') {
        expect(await checkinsChart.locator('[data-testid=chart-empty]').innerText()).toMatch(/exposants scannent/);
        expect(await page.locator('[data-testid=mgr-busiest-today]').innerText()).toMatch(/dès que les exposants/);
      } else {
        expect(await checkinsChart.locator('[data-testid=chart-empty]').count()).toBe(0);
        // One check-in: the axis reads 0 and 1, once each.
        expect(await checkinsChart.locator('text.axis[text-anchor=end]').allTextContents()).toEqual(['0', '1']);
      }
      await page.click('[data-testid=mgr-open-report]');
      await page.locator('[data-testid=report-poles]').waitFor();
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it('shows the guard’s incident list right after sign-in on a 390×844 phone, under a header of at most 100 px', async () => {
    const mine = await api.post<Incident>('/api/v1/incidents', { id: randomUUID(), type: 'lost_person', severity: 'medium', description: 'Enfant cherche ses parents', zone: venue.zones[0]!.id }, tokens.security);
    expect(mine.status).toBe(201);
    const phone = await phoneContext();
    const page = await phone.newPage();
    await signIn(page, 'security');
    const list = page.locator('[data-testid=incident-list]');
    await list.waitFor();
    await expect.poll(() => list.innerText()).toContain('Enfant cherche ses parents');
    const box = (await list.boundingBox())!;
    expect(box.y).toBeLessThan(PHONE.viewport.height - 80);
    // The report button (the type tiles that begin a report) is on the same screen.
    expect((await page.locator('[data-type=medical]').boundingBox())!.y).toBeLessThan(box.y);
    const header = (await page.locator('.app-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(100);
    console.log(`[phone] header ${Math.round(header.height)} px; my incidents start at ${Math.round(box.y)} px of ${PHONE.viewport.height}`);
    await phone.close();
  });

  it('turns "live" to offline within 5 s of losing the network, says it once (also after a reload), and when the server stops answering', async () => {
    const phone = await phoneContext();
    const page = await phone.newPage();
    await signIn(page, 'security');
    const state = page.locator('[data-testid=connection-state]');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);

    const notices = () => page.locator('[data-testid=offline-notice], .banner, [role=alert]').count();
    let started = performance.now();
    await phone.setOffline(true);
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 5_000, interval: 100 }).toBe('offline');
    const dropped = performance.now() - started;
    expect(await notices()).toBe(1);
    await page.reload();
    await page.locator('[data-testid=report-form]').waitFor();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 5_000 }).toBe('offline');
    expect(await notices()).toBe(1);

    await phone.setOffline(false);
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 20_000 }).toBe('live');
    expect(await notices()).toBe(0);

    // The radio is up but the server does not answer: the heartbeat notices, not Socket.IO's 45 s ping.
    await page.route('**/api/v1/health', (route) => route.abort('connectionrefused'));
    started = performance.now();
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 5_000, interval: 100 }).toBe('offline');
    const unreachable = performance.now() - started;
    await page.unroute('**/api/v1/health');
    await expect.poll(() => state.getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    console.log(`[phone] offline shown ${Math.round(dropped)} ms after the network dropped, ${Math.round(unreachable)} ms after the server stopped answering`);
    await phone.close();
  });

  it('keeps the time an incident was logged offline, not the time it reached the server', async () => {
    const phone = await phoneContext();
    const page = await phone.newPage();
    await signIn(page, 'security');
    await page.locator('[data-testid=report-form]').waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await phone.setOffline(true);
    const description = `Malaise au sous-sol (${uniqueId('offline')})`;
    await page.click('[data-type=medical]');
    await page.click('[data-severity=critical]');
    await page.click('[data-mode=zone]');
    await page.click(`[data-zone="${venue.zones[1]!.id}"]`);
    await page.fill('textarea[name=description]', description);
    const tapped = Date.now();
    await page.click('[data-testid=report-submit]');
    await expect.poll(() => page.locator('[data-testid=outbox-count]').getAttribute('data-count')).toBe('1');
    const online = Date.now();
    await phone.setOffline(false);
    await expect.poll(() => page.locator('[data-testid=outbox-count]').getAttribute('data-count'), { timeout: 30_000 }).toBe('0');

    const stored = (await incidents()).find((incident) => incident.description === description)!;
    expect(stored.loggedAt).toBeDefined();
    const loggedAt = Date.parse(stored.loggedAt!);
    expect(loggedAt).toBeGreaterThanOrEqual(tapped - 1000);
    expect(loggedAt).toBeLessThanOrEqual(online);
    expect(Date.parse(stored.createdAt)).toBeGreaterThanOrEqual(online - 50);
    expect(stored.history[0]).toMatchObject({ status: 'open', at: stored.loggedAt });
    await phone.close();
  });

  it('leaves nothing under the sticky send bar, and every target of the phone is at least 44 × 44 px', async () => {
    const phone = await phoneContext();
    const page = await phone.newPage();
    await signIn(page, 'security');
    await page.locator('[data-testid=report-form]').waitFor();
    await page.click('[data-type=security]');
    await page.locator('[data-testid=report-submit]').waitFor();
    const problems = await page.evaluate(() => {
      const found: string[] = [];
      const bar = document.querySelector('[data-testid=report-submit]')!.parentElement!;
      const targets = Array.from(document.querySelectorAll<HTMLElement>('button, select, input:not([type=file]), textarea, label.camera, a[href]')).filter((el) => el.getClientRects().length > 0);
      for (const el of targets) {
        const name = `${el.tagName.toLowerCase()}[${el.dataset.type ?? el.dataset.severity ?? el.dataset.mode ?? el.dataset.view ?? el.getAttribute('name') ?? el.textContent?.trim().slice(0, 20)}]`;
        const rect = el.getBoundingClientRect();
        if (rect.width < 44 || rect.height < 44) found.push(`${name} is ${Math.round(rect.width)}×${Math.round(rect.height)}`);
        if (bar.contains(el)) continue;
        el.scrollIntoView({ block: 'nearest' });
        const now = el.getBoundingClientRect();
        const hit = document.elementFromPoint(now.left + now.width / 2, now.top + now.height / 2);
        if (!hit || !(el === hit || el.contains(hit) || hit.contains(el))) found.push(`${name} is covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`);
      }
      // And nothing scrolled under the bar (the location map's Leaflet panes) is drawn over its buttons:
      // with every element hit-testable, the topmost one painted at a button's centre must be the button.
      const paintOrder = document.head.appendChild(document.createElement('style'));
      paintOrder.textContent = '* { pointer-events: auto !important; }';
      for (let y = 0; y <= document.documentElement.scrollHeight; y += 120) {
        window.scrollTo(0, y);
        for (const button of Array.from(bar.querySelectorAll('button'))) {
          const rect = button.getBoundingClientRect();
          const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
          if (!hit || !button.contains(hit)) found.push(`send bar ${button.textContent?.trim()} at scroll ${y} is covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`);
        }
      }
      paintOrder.remove();
      return [...new Set(found.map((line) => line.replace(/ at scroll \d+/, '')))];
    });
    expect(problems).toEqual([]);
    await phone.close();
  });

  it('asks before resolving, takes a note, and lets operations reopen a resolved incident', async () => {
    const id = randomUUID();
    expect((await api.post('/api/v1/incidents', { id, type: 'technical', severity: 'low', description: 'Écran en panne au stand', zone: venue.zones[2]!.id }, tokens.security)).status).toBe(201);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    await signIn(page, 'operations');
    await page.locator(`[data-testid=incident-list] [data-incident-id="${id}"] button`).click();
    const detail = page.locator('[data-testid=incident-detail]');
    await detail.locator('[data-action=resolve]').click();
    // One tap does not close it: it asks.
    await detail.locator('[data-testid=confirm-step]').waitFor();
    expect((await incidents()).find((i) => i.id === id)!.status).toBe('open');
    await detail.locator('textarea[name=closing-note]').fill('Écran remplacé');
    await detail.locator('[data-action=confirm-resolve]').click();
    await expect.poll(async () => (await incidents()).find((i) => i.id === id)!.status).toBe('resolved');
    await detail.locator('[data-action=reopen]').click();
    await detail.locator('textarea[name=closing-note]').fill('Panne revenue');
    await detail.locator('[data-action=confirm-reopen]').click();
    await expect.poll(async () => (await incidents()).find((i) => i.id === id)!.status).toBe('open');
    const stored = (await incidents()).find((i) => i.id === id)!;
    expect(stored.history.map((step) => [step.kind ?? step.status, step.note])).toEqual([['open', undefined], ['resolved', 'Écran remplacé'], ['reopened', 'Panne revenue']]);
    await expect.poll(() => detail.innerText()).toMatch(/a rouvert l’incident/);
    await page.close();
  });

  it.each(['fr', 'ar', 'en'] as const)('finds no serious or critical axe violation on the phone and manager views (%s), with resolved incidents shown', async (language) => {
    // A resolved and an acknowledged incident of the guard, so that dimmed entries are on screen.
    for (const status of ['resolved', 'acknowledged'] as const) {
      const id = randomUUID();
      expect((await api.post('/api/v1/incidents', { id, type: 'security', severity: 'high', description: `Sac oublié (${status})`, zone: venue.zones[3]!.id }, tokens.security)).status).toBe(201);
      expect((await api.patch(`/api/v1/incidents/${id}`, { status }, tokens.operations)).status).toBe(200);
    }
    const found: Record<string, unknown[]> = {};
    const phone = await phoneContext(language === 'ar' ? 'ar-MA' : `${language}-FR`);
    const page = await phone.newPage();
    await signIn(page, 'security', language);
    await page.locator('[data-testid=incident-list] li').first().waitFor();
    found['phone start'] = await seriousAxeViolations(page);
    await page.click('[data-view=mine]');
    await page.locator('[data-testid=incident-list] li.resolved').first().waitFor();
    found['phone mine'] = await seriousAxeViolations(page);
    await page.locator('[data-testid=incident-list] li.resolved button').first().click();
    await page.locator('[data-testid=incident-detail]').waitFor();
    found['phone resolved detail'] = await seriousAxeViolations(page);
    await phone.close();

    const manager = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', bypassCSP: true });
    await signIn(manager, 'manager', language);
    await manager.locator('[data-testid=mgr-reports]').waitFor({ timeout: 15_000 });
    found.manager = await seriousAxeViolations(manager);
    await manager.click('[data-testid=mgr-open-report]');
    await manager.locator('[data-testid=report-poles]').waitFor();
    found.report = await seriousAxeViolations(manager);
    await manager.close();
    expect(Object.entries(found).filter(([, violations]) => violations.length > 0)).toEqual([]);
  });

  it('prints the daily report without a blank page and flags a pole over its safe capacity', async () => {
    const entrance = venue.gates.find((gate) => gate.from === null && gate.to !== null)!;
    const zone = venue.zones.find((z) => z.id === entrance.to)!;
    const crowd = zone.capacity + 25;
    expect((await api.post('/api/v1/counts', [{ id: uniqueId('crowd'), gate: entrance.id, in: crowd, out: 0, at: new Date().toISOString() }], server.deviceKey)).status).toBe(202);
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
    await signIn(page, 'manager');
    await page.click('[data-testid=mgr-open-report]');
    const row = page.locator(`[data-testid=report-poles] tr[data-over-capacity=true]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
    expect(await row.first().innerText()).toContain(zone.name.fr);
    expect(await row.first().innerText()).toMatch(/au-delà de la capacité/);
    await page.locator('[data-testid=over-capacity-note]').waitFor();

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.close();
    if (!existsSync(PDFTOPPM)) {
      if (process.env.CI === 'true') throw new Error(`${PDFTOPPM} is missing: CI must check the printed pages`);
      console.warn(`\n\n*** ${PDFTOPPM} is missing: the printed pages are NOT checked for blank space (apt-get install poppler-utils) ***\n\n`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'fairwatch-print-'));
    try {
      writeFileSync(join(dir, 'report.pdf'), pdf);
      execFileSync(PDFTOPPM, ['-r', '30', '-gray', join(dir, 'report.pdf'), join(dir, 'page')]);
      const pages = readdirSync(dir).filter((name) => name.endsWith('.pgm')).sort();
      expect(pages.length).toBeGreaterThanOrEqual(1);
      const filled = pages.map((name) => inkedHeight(readFileSync(join(dir, name))));
      console.log(`[report] ${pages.length} printed page(s), filled to ${filled.map((f) => `${Math.round(f * 100)} %`).join(', ')} of their height`);
      // Every page but the last is filled at least to 70 % of its height (a page pushed over by a block that would not split is not).
      for (const share of filled.slice(0, -1)) expect(share).toBeGreaterThan(0.7);
      expect(filled.at(-1)).toBeGreaterThan(0.05);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** How far down a page (a binary PGM from pdftoppm) its last row with ink is, as a share of its height. */
function inkedHeight(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  let last = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (pixels[y * width + x]! < 200) {
        last = y;
        break;
      }
    }
  }
  return (last + 1) / height;
}
