/**
 * The built dashboard in headless Chromium against a real server process: sign-in, live figures over
 * Socket.IO, the floor map, Arabic right-to-left, the phone layout and live incidents.
 * Needs `pnpm build` first (the server serves dashboard/dist); `pnpm test` does that.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';


const haveChromium = chromiumAvailable('the dashboard browser tests');

describe.skipIf(!haveChromium)('dashboard in a browser', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;
  let venue: Venue;

  beforeAll(async () => {
    server = await startServer();
    api = new ApiClient(server.url);
    browser = await launchChromium();
    const answer = await api.get<Venue>('/api/v1/venue', await api.login('operations', server.password));
    venue = answer.body;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openSignedIn(viewport = { width: 1920, height: 1080 }): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: 'en-GB' });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    return page;
  }

  /** The "inside now" figure once the first snapshot has arrived (digits only, whatever the language). */
  async function insideNow(page: Page): Promise<number> {
    const kpi = page.locator('[data-testid=kpi-inside]');
    await expect.poll(async () => /\d/.test(await kpi.innerText())).toBe(true);
    return Number((await kpi.innerText()).replace(/\D/g, ''));
  }

  const documentDir = (page: Page) => page.locator('html').getAttribute('dir');

  it('says so clearly when the password is wrong', async () => {
    const page = await browser.newPage({ locale: 'en-GB' });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', 'not-the-password');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('[role=alert]').innerText()).toMatch(/wrong user name or password/i);
    await page.close();
  });

  it('draws the zones and follows a count report live', async () => {
    const page = await openSignedIn();
    await expect.poll(() => page.locator('[data-testid=floor-map] .zone-shape').count()).toBe(venue.zones.length);
    const before = await insideNow(page);

    const entrance = venue.gates.find((gate) => gate.from === null);
    if (!entrance) throw new Error('the venue has no entrance gate');
    const report = { id: uniqueId('browser'), gate: entrance.id, in: 7, out: 0, at: new Date().toISOString() };
    const answer = await api.post('/api/v1/counts', report, server.deviceKey);
    expect(answer.status).toBe(202);

    await expect.poll(() => insideNow(page), { timeout: 10_000 }).toBe(before + 7);
    await page.close();
  });

  it('signs out on the server too: the token is revoked, and the sign-out is audited', async () => {
    const page = await openSignedIn();
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('fairwatch.session') ?? 'null') as { token: string } | null)?.token);
    if (!token) throw new Error('no session in sessionStorage');
    expect((await api.get('/api/v1/session', token)).status).toBe(200);
    await page.click('button.sign-out');
    await page.locator('input[name=username]').waitFor();
    await expect.poll(async () => (await api.get('/api/v1/session', token)).status).toBe(401);
    const admin = await api.login('admin', server.password);
    await expect.poll(async () => ((await api.get('/api/v1/audit?limit=50', admin)).body.entries as Array<{ by: string; action: string }>).some((entry) => entry.by === 'operations' && entry.action === 'signed-out')).toBe(true);
    await page.close();
  });

  it('switches to Arabic, right to left, with figures still in latin digits', async () => {
    const page = await openSignedIn();
    await page.click('[data-testid=lang-ar]');
    await expect.poll(() => documentDir(page)).toBe('rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('[data-testid=kpi-inside]').innerText()).toMatch(/[0-9]/);
    await page.click('[data-testid=lang-fr]');
    await expect.poll(() => documentDir(page)).toBe('ltr');
    await page.close();
  });

  it('fits a 375 px wide phone without sideways scrolling, in French and in Arabic', async () => {
    const page = await openSignedIn({ width: 375, height: 812 });
    await insideNow(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.click('[data-testid=lang-ar]');
    await expect.poll(() => documentDir(page)).toBe('rtl');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('asks for a fresh snapshot when a delta is lost, and ends with the right figure', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    // Sits between the page and the server and drops one `delta` frame on demand (Socket.IO event frames
    // are "42" + a JSON array).
    let dropNextDelta = false;
    let deltasDropped = 0;
    let resyncsAsked = 0;
    await page.routeWebSocket(/\/socket\.io\//, (pageSide: WebSocketRoute) => {
      const serverSide = pageSide.connectToServer();
      pageSide.onMessage((frame) => {
        if (typeof frame === 'string' && frame.startsWith('42') && frame.includes('"resync"')) resyncsAsked++;
        serverSide.send(frame);
      });
      serverSide.onMessage((frame) => {
        if (dropNextDelta && typeof frame === 'string' && frame.startsWith('42["delta"')) {
          dropNextDelta = false;
          deltasDropped++;
          return;
        }
        pageSide.send(frame);
      });
    });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    const before = await insideNow(page);
    const entrance = venue.gates.find((gate) => gate.from === null)!;
    const count = (people: number) => ({ id: uniqueId('gap'), gate: entrance.id, in: people, out: 0, at: new Date().toISOString() });

    dropNextDelta = true;
    expect((await api.post('/api/v1/counts', count(3), server.deviceKey)).status).toBe(202);
    await expect.poll(() => deltasDropped).toBe(1);
    expect((await api.post('/api/v1/counts', count(4), server.deviceKey)).status).toBe(202);
    // The next delta shows the gap: the page asks for a snapshot instead of applying it on top of a hole
    // (applied anyway, the figure would end at +4; ignored, at +0).
    await expect.poll(() => resyncsAsked, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => insideNow(page), { timeout: 10_000 }).toBe(before + 7);
    await page.close();
  });

  it('shows "offline" while the connection is down and comes back live by itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, locale: 'en-GB' });
    let refuse = false;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (pageSide: WebSocketRoute) => {
      if (refuse) return void pageSide.close();
      pageSide.connectToServer();
      open.push(pageSide);
    });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    // Signed in once the map is drawn (sign-in waits for the session to be on disk).
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    await insideNow(page);
    const banner = page.locator('[role=alert]');

    refuse = true;
    for (const socket of open.splice(0)) await socket.close();
    await expect.poll(() => banner.innerText(), { timeout: 10_000 }).toMatch(/offline/i);
    refuse = false;
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid=connection-state]').getAttribute('data-state')).toBe('live');
    await page.close();
  });

  it('shows an incident reported by security without a reload', async () => {
    const page = await openSignedIn();
    const list = page.locator('[data-testid=incident-list]');
    await expect.poll(() => list.innerText()).not.toMatch(/loading/i);

    const description = `Visitor feeling faint near the stage (${uniqueId('browser')})`;
    const zone = venue.zones[0]!;
    const token = await api.login('security', server.password);
    const answer = await api.post('/api/v1/incidents', { id: randomUUID(), type: 'medical', severity: 'high', description, zone: zone.id }, token);
    expect(answer.status).toBe(201);

    await expect.poll(() => list.innerText(), { timeout: 10_000 }).toContain(description);
    expect(await list.innerText()).toContain(zone.name.en);
    await page.close();
  });
});
