/**
 * The phones on the floor (issue 17): a steward's tally counter counting offline through a reload,
 * delivered exactly once; a stand scanner provisioned by link, reading a badge's QR code from a fake
 * camera (Chromium plays a Y4M file made here) and typed numbers (offline too), with a repeat flagged
 * and a damaged code called unreadable; both pages
 * without serious accessibility violations in French and Arabic. Needs `pnpm build` first.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldGates, Snapshot } from '@fairwatch/protocol';
import { ApiClient } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { writeQrVideo } from './support/fake-camera.ts';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const GATE = 'main-gate';
const STAND = 'P-001';
const CAMERA_BADGE = 'B-24017';
/** Where to keep phone screenshots, when asked (SCREENSHOT_DIR): for the README's docs/screens. */
const SCREENSHOTS = process.env.SCREENSHOT_DIR;

const haveChromium = chromiumAvailable('the field device browser tests');

describe.skipIf(!haveChromium)('field phones: tally counter and stand scanner', () => {
  let server: ServerProcess;
  let api: ApiClient;
  let browser: Browser;
  let cameraBrowser: Browser;
  let scratchedCamera: Browser;

  beforeAll(async () => {
    server = await startServer();
    api = new ApiClient(server.url);
    browser = await launchChromium();
    const video = join(mkdtempSync(join(tmpdir(), 'fairwatch-camera-')), 'badge.y4m');
    writeQrVideo(video, CAMERA_BADGE);
    cameraBrowser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    const scratched = join(mkdtempSync(join(tmpdir(), 'fairwatch-camera-')), 'scratched.y4m');
    writeQrVideo(scratched, 'B-55555', 0.15);
    scratchedCamera = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${scratched}`]);
  });

  afterAll(async () => {
    await browser?.close();
    await cameraBrowser?.close();
    await scratchedCamera?.close();
    await server?.stop();
  });

  const stats = async () => (await api.get<Snapshot>('/api/v1/stats', await api.login('operations', server.password))).body;
  const count = (page: Page, testid: string) => page.locator(`[data-testid=${testid}]`).getAttribute('data-count');
  const figure = async (page: Page, testid: string) => Number((await page.locator(`[data-testid=${testid}]`).innerText()).replace(/\D/g, ''));

  async function signInAsSteward(page: Page): Promise<void> {
    await page.goto(server.url);
    await page.fill('input[name=username]', 'steward');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=field-app][data-page=tally]').waitFor();
  }

  it('counts 30 in and 10 out offline through a reload, and the gate gets exactly 30/10 once online', async () => {
    const before = (await stats()).gates[GATE]!;
    const phone = await browser.newContext({ ...PHONE, locale: 'fr-FR' });
    const page = await phone.newPage();
    await signInAsSteward(page);
    await page.click(`[data-gate=${GATE}]`);
    await page.locator(`[data-testid=tally-gate][data-gate=${GATE}]`).waitFor();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);

    await phone.setOffline(true);
    for (let i = 0; i < 2; i++) await page.click('[data-testid=tally-in-10]');
    for (let i = 0; i < 10; i++) await page.click('[data-testid=tally-in]');
    await page.click('[data-testid=tally-out-5]');
    for (let i = 0; i < 5; i++) await page.click('[data-testid=tally-out]');
    // One tap too many, taken back within the undo window.
    await page.click('[data-testid=tally-in]');
    await expect.poll(() => figure(page, 'tally-in-today')).toBe(before.inToday + 31);
    await page.click('[data-testid=tally-undo]');
    await expect.poll(() => figure(page, 'tally-in-today')).toBe(before.inToday + 30);
    expect(await figure(page, 'tally-out-today')).toBe(before.outToday + 10);
    expect(Number(await count(page, 'tally-waiting'))).toBeGreaterThan(0);

    await page.reload();
    await page.locator(`[data-testid=tally-gate][data-gate=${GATE}]`).waitFor();
    await expect.poll(() => figure(page, 'tally-in-today')).toBe(before.inToday + 30);
    expect(await figure(page, 'tally-out-today')).toBe(before.outToday + 10);
    expect(Number(await count(page, 'tally-waiting'))).toBeGreaterThan(0);
    expect((await stats()).gates[GATE]).toMatchObject({ inToday: before.inToday, outToday: before.outToday });

    await phone.setOffline(false);
    // Taps are sealed into reports once their 10 s undo window is over, then sent.
    await expect.poll(() => count(page, 'tally-waiting'), { timeout: 45_000 }).toBe('0');
    await expect.poll(async () => (await stats()).gates[GATE], { timeout: 10_000 }).toMatchObject({ inToday: before.inToday + 30, outToday: before.outToday + 10 });
    await expect.poll(() => figure(page, 'tally-in-today'), { timeout: 10_000 }).toBe(before.inToday + 30);
    expect(await figure(page, 'tally-out-today')).toBe(before.outToday + 10);
    const steward = await api.login('steward', server.password);
    const fieldGate = (await api.get<FieldGates>('/api/v1/field/gates', steward)).body.gates.find((gate) => gate.id === GATE)!;
    expect(fieldGate).toMatchObject({ inToday: before.inToday + 30, outToday: before.outToday + 10 });
    expect(await page.locator('[data-testid=tally-zone-level]').getAttribute('data-level')).toBe(fieldGate.zone!.level);
    await phone.close();
  });

  it('signs a steward out on the server too: the token is refused after, and the sign-out is audited', async () => {
    const phone = await browser.newContext({ ...PHONE, locale: 'en-GB' });
    const page = await phone.newPage();
    await signInAsSteward(page);
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('fairwatch.session') ?? 'null') as { token: string } | null)?.token);
    if (!token) throw new Error('no session in sessionStorage');
    expect((await api.get('/api/v1/session', token)).status).toBe(200);
    await page.click('[data-testid=field-app] footer button');
    // Where signing out takes a second tap (the button asks first), give it.
    if (await page.locator('[data-testid=field-app] footer button[data-confirming=true]').count()) await page.click('[data-testid=field-app] footer button');
    await page.locator('input[name=username]').waitFor();
    await expect.poll(async () => (await api.get('/api/v1/session', token)).status).toBe(401);
    const admin = await api.login('admin', server.password);
    await expect
      .poll(async () => ((await api.get('/api/v1/audit?limit=50', admin)).body.entries as Array<{ by: string; action: string }>).some((entry) => entry.by === 'steward' && entry.action === 'signed-out'))
      .toBe(true);
    await phone.close();
  });

  it('provisions a stand scanner by link, checks in a badge read by the camera and typed numbers, and flags a repeat', async () => {
    const before = (await stats()).stands[STAND]!;
    const phone = await cameraBrowser.newContext({ ...PHONE, locale: 'ar-MA', permissions: ['camera'] });
    const page = await phone.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${server.url}/#/provision?page=scanner&stand=${STAND}&key=${encodeURIComponent(server.deviceKey)}`);
    await page.locator(`[data-testid=scanner-stand][data-stand=${STAND}]`).waitFor();
    // The key is kept on the phone and taken out of the address.
    expect(await page.evaluate(() => location.hash)).toBe('#/scanner');
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('fairwatch.device') ?? 'null')?.stand)).toBe(STAND);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    await page.click('[data-testid=scan-start]');
    const message = page.locator('[data-testid=scan-message]');
    await expect.poll(() => message.getAttribute('data-kind'), { timeout: 20_000 }).toBe('recorded');
    expect(await message.innerText()).toContain(CAMERA_BADGE);
    // The badge stays in front of the camera: many more frames, still one check-in.
    const frames = Number(await page.locator('[data-testid=scanner-camera]').getAttribute('data-frames'));
    await expect.poll(async () => Number(await page.locator('[data-testid=scanner-camera]').getAttribute('data-frames')), { timeout: 15_000 }).toBeGreaterThan(frames + 8);
    expect(await page.locator('[data-testid=recent-scans] li').count()).toBe(1);
    await page.click('[data-testid=scan-stop]');

    // A typed number with no network, kept through a reload.
    await expect.poll(() => count(page, 'scanner-waiting'), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
    await phone.setOffline(true);
    await page.fill('input[name=badge]', ' b-24018 ');
    await page.click('[data-testid=badge-submit]');
    await expect.poll(() => message.innerText()).toContain('B-24018');
    expect(await message.getAttribute('data-kind')).toBe('recorded');
    await page.reload();
    await page.locator('[data-testid=scanner-today]').waitFor();
    await expect.poll(() => count(page, 'scanner-waiting')).toBe('1');
    expect((await stats()).stands[STAND]!.checkinsToday).toBe(before.checkinsToday + 1);
    await phone.setOffline(false);
    await page.fill('input[name=badge]', CAMERA_BADGE);
    await page.click('[data-testid=badge-submit]');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('repeat');
    expect(await message.innerText()).toContain(CAMERA_BADGE);
    await page.fill('input[name=badge]', 'https://example.com/promo');
    await page.click('[data-testid=badge-submit]');
    await expect.poll(() => message.getAttribute('data-kind')).toBe('notBadge');

    await expect.poll(() => count(page, 'scanner-waiting'), { timeout: 20_000 }).toBe('0');
    await expect.poll(async () => (await stats()).stands[STAND], { timeout: 10_000 }).toMatchObject({
      checkinsToday: before.checkinsToday + 3,
      repeatsToday: (before.repeatsToday ?? 0) + 1,
    });
    await expect.poll(() => figure(page, 'scanner-today'), { timeout: 15_000 }).toBe(before.checkinsToday + 3);
    expect(await count(page, 'scanner-repeats')).toBe(String((before.repeatsToday ?? 0) + 1));

    // Everything came from this server: the decoder's WebAssembly too, never a CDN.
    const origin = new URL(server.url).origin;
    expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(requests.some((url) => /\/assets\/zxing_reader-[\w-]+\.wasm$/.test(url))).toBe(true);
    await phone.close();
  });

  it('says a damaged badge is unreadable, and counts nothing for it', async () => {
    const before = (await stats()).stands[STAND]!.checkinsToday;
    const phone = await scratchedCamera.newContext({ ...PHONE, locale: 'fr-FR', permissions: ['camera'] });
    const page = await phone.newPage();
    await page.goto(`${server.url}/#/provision?page=scanner&stand=${STAND}&key=${encodeURIComponent(server.deviceKey)}`);
    await page.locator('[data-testid=scanner-today]').waitFor();
    await page.click('[data-testid=scan-start]');
    const message = page.locator('[data-testid=scan-message]');
    await expect.poll(() => message.getAttribute('data-kind'), { timeout: 20_000 }).toBe('unreadable');
    expect(await message.innerText()).toMatch(/illisible/);
    expect(await count(page, 'scanner-waiting')).toBe('0');
    expect((await stats()).stands[STAND]!.checkinsToday).toBe(before);
    await phone.close();
  });

  it('keeps the pads under the thumb when the network drops, and signs out only on a second tap', async () => {
    const phone = await browser.newContext({ ...PHONE, locale: 'fr-FR' });
    const page = await phone.newPage();
    await signInAsSteward(page);
    if (!(await page.locator('[data-testid=tally-gate]').count())) await page.click(`[data-gate=${GATE}]`);
    await page.locator('[data-testid=tally-gate]').waitFor();
    // the screen is kept on (Wake Lock; headless Chromium grants it)
    await expect.poll(() => page.locator('[data-testid=wake-lock]').getAttribute('data-held')).toBe('true');
    const where = async () => (await page.locator('[data-testid=tally-in]').boundingBox())!;
    const online = await where();
    await phone.setOffline(true);
    await page.click('[data-testid=tally-out]');
    await page.locator('[data-testid=tally-undo]').waitFor();
    // the offline notice and the undo button are on screen, the buttons have not moved
    await expect.poll(() => page.locator('[data-testid=tally-waiting]').getAttribute('data-count')).toBe('1');
    expect(await where()).toEqual(online);
    const footer = (await page.locator('[data-testid=field-leave]').boundingBox())!;
    expect(footer.y + footer.height).toBeLessThanOrEqual(PHONE.viewport!.height);
    await page.click('[data-testid=tally-undo]');
    await phone.setOffline(false);

    await page.click('[data-testid=field-leave]');
    expect(await page.locator('[data-testid=field-leave]').getAttribute('data-confirming')).toBe('true');
    expect(await page.locator('[data-testid=field-app]').count()).toBe(1);
    await page.click('[data-testid=field-leave]');
    await page.locator('input[name=username]').waitFor();
    await phone.close();
  });

  for (const language of ['fr', 'ar'] as const) {
    it(`has no serious or critical accessibility violation on either page in ${language}`, async () => {
      const phone = await browser.newContext({ ...PHONE, locale: language === 'ar' ? 'ar-MA' : 'fr-FR', bypassCSP: true });
      const page = await phone.newPage();
      await page.addInitScript((lang) => localStorage.setItem('fairwatch.language', lang), language);
      await signInAsSteward(page);
      const gatePicked = page.locator(`[data-testid=tally-gate]`);
      if (!(await gatePicked.count())) await page.click(`[data-gate=${GATE}]`);
      await gatePicked.waitFor();
      await page.click('[data-testid=tally-in]');
      await page.locator('[data-testid=tally-undo]').waitFor();
      expect(await seriousAxeViolations(page), 'tally counter').toEqual([]);
      if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `tally-${language}.png`) });
      await page.click('[data-testid=tally-undo]');

      const scanner = await phone.newPage();
      await scanner.goto(`${server.url}/#/provision?page=scanner&stand=${STAND}&key=${encodeURIComponent(server.deviceKey)}`);
      await scanner.locator('[data-testid=scanner-today]').waitFor();
      await scanner.fill('input[name=badge]', 'B-99001');
      await scanner.click('[data-testid=badge-submit]');
      await scanner.locator('[data-testid=scan-message]').waitFor();
      expect(await seriousAxeViolations(scanner), 'stand scanner').toEqual([]);
      if (SCREENSHOTS) await scanner.screenshot({ path: join(SCREENSHOTS, `scanner-${language}.png`) });
      await phone.close();
    });
  }
});
