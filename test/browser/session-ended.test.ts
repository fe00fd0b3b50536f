/**
 * Screens and restarts (issue 13): a wall display goes on by itself after the server restarts on the
 * same DATA_DIR; when its sign-in does end (another data directory, a revocation) it says so on the
 * whole screen instead of sitting on a sign-in form; a phone says how many reports wait in its outbox,
 * and sends them after the next sign-in. Needs `pnpm build` first (the server serves dashboard/dist).
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { freePort } from '../../server/test/support/free-port.ts';
import { startServer, temporaryDataDir, type ServerProcess } from '../../server/test/support/server-process.ts';

const haveChromium = chromiumAvailable('the session-ended browser tests');
const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'fr-FR', bypassCSP: true };

describe.skipIf(!haveChromium)('screens whose session ends', () => {
  let browser: Browser;
  let server: ServerProcess | null = null;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signIn(page: Page, url: string, role: string, password: string): Promise<void> {
    await page.goto(url);
    await page.fill('input[name=username]', role);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
  }

  const insideNow = async (page: Page) => Number((await page.locator('[data-testid=kpi-inside]').innerText()).replace(/\D/g, '') || 'NaN');

  it('keeps a wall display signed in across a restart on the same DATA_DIR, and shows "signed out" full screen after a restart on another', async () => {
    const port = String(await freePort());
    const dataDir = temporaryDataDir();
    server = await startServer({ env: { PORT: port, DATA_DIR: dataDir } });
    const wall = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB', bypassCSP: true });
    await signIn(wall, server.url, 'operations', server.password);
    await wall.locator('[data-testid=floor-map] .zone-shape').first().waitFor();

    await server.stop();
    server = await startServer({ env: { PORT: port, DATA_DIR: dataDir } });
    // The screen reconnects by itself and follows new reports live: nobody had to sign in again.
    const api = new ApiClient(server.url);
    const venue = (await api.get<Venue>('/api/v1/venue', await api.login('operations', server.password))).body;
    const entrance = venue.gates.find((gate) => gate.from === null)!;
    await expect.poll(() => insideNow(wall), { timeout: 10_000 }).not.toBeNaN();
    const before = await insideNow(wall);
    expect((await api.post('/api/v1/counts', { id: uniqueId('wall'), gate: entrance.id, in: 6, out: 0, at: new Date().toISOString() }, server.deviceKey)).status).toBe(202);
    await expect.poll(() => insideNow(wall), { timeout: 10_000 }).toBe(before + 6);
    expect(await wall.locator('[data-testid=session-ended]').count()).toBe(0);

    // Another data directory knows no session: the wall says so, on the whole screen.
    await server.stop();
    server = await startServer({ env: { PORT: port, DATA_DIR: temporaryDataDir() } });
    const ended = wall.locator('[data-testid=session-ended]');
    await ended.waitFor({ timeout: 15_000 });
    expect(await ended.innerText()).toMatch(/Signed out: sign in again/);
    const box = (await ended.boundingBox())!;
    expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(await wall.locator('input[name=password]').count()).toBe(0);
    expect(await seriousAxeViolations(wall)).toEqual([]);
    // In Arabic, right to left.
    await wall.click('[data-testid=lang-ar]');
    await expect.poll(() => wall.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await ended.innerText()).toMatch(/تم تسجيل الخروج: سجّل الدخول من جديد/);
    // Choosing to sign in again brings the form.
    await wall.getByRole('button', { name: 'تسجيل الدخول من جديد' }).click();
    await wall.locator('input[name=password]').waitFor();
    await wall.close();
  }, 90_000);

  it('tells a phone whose session was revoked how many reports wait, and sends them after the next sign-in', async () => {
    await server?.stop();
    server = await startServer();
    const api = new ApiClient(server.url);
    const venue = (await api.get<Venue>('/api/v1/venue', await api.login('operations', server.password))).body;
    const context = await browser.newContext(PHONE);
    const phone = await context.newPage();
    await signIn(phone, server.url, 'security', server.password);
    await phone.locator('[data-testid=report-form]').waitFor();
    await expect.poll(() => phone.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);

    // Two reports logged in a basement: they wait on the phone.
    await context.setOffline(true);
    const run = randomUUID().slice(0, 8);
    for (let i = 0; i < 2; i++) {
      await phone.click('[data-type=security]');
      await phone.click('[data-severity=high]');
      await phone.click('[data-mode=stand]');
      await phone.fill('input[name=stand-search]', venue.stands[i]!.id);
      await phone.click(`[data-stand="${venue.stands[i]!.id}"]`);
      await phone.fill('textarea[name=description]', `Colis suspect ${i} (${run})`);
      await phone.click('[data-testid=report-submit]');
      await expect.poll(() => phone.locator('[data-testid=outbox-count]').getAttribute('data-count')).toBe(String(i + 1));
    }
    // Meanwhile the session is revoked (signed out elsewhere).
    const token = await phone.evaluate(() => (JSON.parse(sessionStorage.getItem('fairwatch.session') ?? '{}') as { token: string }).token);
    expect((await api.request('POST', '/api/v1/logout', { token })).status).toBe(204);
    await context.setOffline(false);

    const ended = phone.locator('[data-testid=session-ended]');
    await ended.waitFor({ timeout: 30_000 });
    await expect.poll(() => phone.locator('[data-testid=session-ended-outbox]').getAttribute('data-count')).toBe('2');
    expect(await ended.innerText()).toMatch(/Déconnecté : reconnectez-vous[\s\S]*2 signalements d’incident attendent sur ce téléphone\. Ils seront envoyés après la connexion\./);
    expect(await seriousAxeViolations(phone)).toEqual([]);
    const button = phone.getByRole('button', { name: 'Se reconnecter' });
    const size = (await button.boundingBox())!;
    expect(size.height).toBeGreaterThanOrEqual(44);
    await button.click();
    await phone.fill('input[name=username]', 'security');
    await phone.fill('input[name=password]', server.password);
    await phone.click('button[type=submit]');
    await expect.poll(() => phone.locator('[data-testid=outbox-count]').getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    const stored = (await api.get<{ incidents: Incident[] }>('/api/v1/incidents', await api.login('manager', server.password))).body.incidents;
    expect(stored.filter((incident) => incident.description.endsWith(`(${run})`))).toHaveLength(2);
    await context.close();
  }, 90_000);
});
