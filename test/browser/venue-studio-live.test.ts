/**
 * The venue studio against the real server (issue 16's "done when"): an operations screen is open; an
 * admin draws a zone and a gate into the published venue and publishes; the operations screen redraws
 * without a reload, counts sent to the new gate fill the new zone, and a roll back takes the zone away
 * again. Needs `pnpm build` first.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@fairwatch/protocol';
import type { Venue } from '@fairwatch/venue';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { floorPoint, openAdminLive } from './support/admin-page.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { smallVenue } from './support/small-venue.ts';

const haveChromium = chromiumAvailable('the live venue studio browser test');
const venue = smallVenue();

describe.skipIf(!haveChromium)('venue studio against the real server', () => {
  let server: ServerProcess;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    const file = join(tmpdir(), `fairwatch-small-venue-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(venue));
    server = await startServer({ env: { RATE_LIMIT: 'off', VENUE_FILE: file } });
    browser = await launchChromium();
    api = new ApiClient(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openOperations(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-GB' });
    await page.goto(server.url);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    return page;
  }

  async function clickFloor(page: Page, point: [number, number]) {
    const { x, y } = await floorPoint(page, venue, point);
    await page.mouse.move(x, y);
    await page.mouse.click(x, y);
  }

  it('publishes a drawn zone and gate to every open screen, counts on them, and rolls back', async () => {
    const operations = await openOperations();
    const zonesOnFloor = () => operations.locator('[data-testid=floor-map] .zone-shape').count();
    expect(await zonesOnFloor()).toBe(1);

    const admin = await openAdminLive(browser, server.url, server.password, '#/venue');
    await admin.locator('[data-testid=venue-editor] [data-testid=studio-map] .studio-zone').first().waitFor();
    await admin.click('[data-testid=tool-zone]');
    for (const corner of [[60, 10], [90, 10], [90, 50], [60, 50], [60, 10]] as Array<[number, number]>) await clickFloor(admin, corner);
    const zoneForm = admin.locator('[data-testid=zone-form]');
    await zoneForm.waitFor();
    await zoneForm.locator('input[name=zone-name-en]').fill('Stage tent');
    await zoneForm.locator('input[name=zone-name-fr]').fill('Chapiteau');
    await zoneForm.locator('input[name=zone-name-ar]').fill('الخيمة');
    await admin.click('[data-testid=tool-gate]');
    await clickFloor(admin, [70, 30]);
    const gateForm = admin.locator('[data-testid=gate-form]');
    await gateForm.waitFor();
    await gateForm.locator('[data-testid=pick-from]').click();
    await clickFloor(admin, [20, 30]);
    await expect.poll(() => gateForm.locator('select[name=gate-from]').inputValue()).toBe('hall');
    await gateForm.locator('input[name=gate-width]').fill('3');
    await gateForm.locator('input[name=gate-name-en]').fill('Tent door');
    await expect.poll(() => admin.locator('[data-testid=venue-issues]').getAttribute('data-count')).toBe('0');

    await admin.fill('input[name=publish-note]', 'Chapiteau et sa porte');
    const publishedAt = Date.now();
    await admin.click('[data-testid=publish]');
    await expect.poll(() => admin.locator('[data-testid=publish-done]').innerText()).toMatch(/Version 2 published/);
    // The note goes with the version, in the list.
    await expect.poll(() => admin.locator('[data-testid=venue-version][data-version="2"]').innerText()).toMatch(/Chapiteau et sa porte/);
    // The server serves it, and the operations screen, already open, redraws without a reload.
    const token = await api.login('operations', server.password);
    const served = await api.get<Venue>('/api/v1/venue', token);
    expect(served.headers.get('etag')).toBe('"2"');
    expect(served.body.zones.map((zone) => zone.id)).toEqual(['hall', 'zone-2']);
    const gate = served.body.gates.find((candidate) => candidate.to === 'zone-2')!;
    expect(gate).toMatchObject({ from: 'hall', widthM: 3 });
    await expect.poll(zonesOnFloor, { timeout: 5_000 }).toBe(2);
    console.log(`[venue-studio-live] operations screen redrawn ${Date.now() - publishedAt} ms after the publish click`);
    await expect.poll(() => operations.locator('main').innerText()).toMatch(/Stage tent/);

    // Counts to the new gate fill the new zone.
    const at = new Date().toISOString();
    expect((await api.post('/api/v1/counts', [{ id: uniqueId('in'), gate: 'main-gate', in: 20, out: 0, at }, { id: uniqueId('tent'), gate: gate.id, in: 7, out: 0, at }], server.deviceKey)).status).toBe(202);
    await expect.poll(async () => (await api.get<Snapshot>('/api/v1/stats', token)).body.zones['zone-2']?.occupancy).toBe(7);

    // Roll back to version 1 from the versions list: a new version, the zone gone from every screen.
    const first = admin.locator('[data-testid=venue-version][data-version="1"]');
    await first.locator('[data-action=roll-back]').click();
    // Removing a zone with people in it is confirmed (the 7 in the tent).
    await admin.locator('[data-testid=confirm-removal]').click();
    await expect.poll(async () => (await api.get('/api/v1/venue', token)).headers.get('etag')).toBe('"3"');
    await expect.poll(zonesOnFloor, { timeout: 5_000 }).toBe(1);
    const audit = (await api.get<{ entries: Array<{ action: string }> }>('/api/v1/audit?limit=50&action=venue', await api.login('admin', server.password))).body.entries;
    expect(audit.filter((entry) => entry.action === 'venue.publish').length).toBeGreaterThanOrEqual(2);
    await admin.close();
    await operations.close();
  });
});
