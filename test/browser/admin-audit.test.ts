/**
 * The audit tab (issue 16) in headless Chromium: the newest entries in a table, filtered by who, what (an
 * action prefix) and when (sent as the API's query), the empty state, and the server's CSV export
 * downloaded. The admin API is answered by the fixture that follows the API note.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { openAdmin } from './support/admin-page.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { smallVenue } from './support/small-venue.ts';

const haveChromium = chromiumAvailable('the audit browser tests');

describe.skipIf(!haveChromium)('audit in a browser', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT: 'off' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists, filters by who, what and when, and exports the CSV', async () => {
    const { page, api } = await openAdmin(browser, server.url, server.password, '#/audit', smallVenue());
    const lastAudit = () => api.requests.filter((request) => request.path === 'audit').at(-1)!;
    const rows = page.locator('[data-testid=audit-row]');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('[data-testid=admin-audit]').getAttribute('aria-current')).toBe('page');
    // The action's own fields are shown beside it.
    await expect.poll(() => rows.nth(1).innerText()).toMatch(/incident\.create[\s\S]*incident: i-1/);

    const filter = page.locator('[data-testid=audit-filter]');
    await filter.locator('input[name=action]').fill('user');
    await filter.locator('button[type=submit]').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-action')).toBe('user.add');
    expect(lastAudit().search.get('action')).toBe('user');

    await filter.locator('input[name=action]').fill('');
    await filter.locator('input[name=by]').fill('security');
    await filter.locator('button[type=submit]').click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-action')).toBe('incident.create');

    // A time window with nothing in it: the empty state; the window goes out as instants.
    await filter.locator('input[name=by]').fill('');
    await filter.locator('input[name=since]').fill('2030-01-01T00:00');
    await filter.locator('button[type=submit]').click();
    await page.locator('[data-testid=audit-empty]').waitFor();
    expect(lastAudit().search.get('since')).toMatch(/^2029-12-3\dT|^2030-01-01T/);

    await filter.locator('input[name=since]').fill('');
    await filter.locator('button[type=submit]').click();
    await expect.poll(() => rows.count()).toBe(3);
    const download = page.waitForEvent('download');
    await page.click('[data-testid=audit-csv]');
    const file = await download;
    expect(file.suggestedFilename()).toBe('fairwatch-audit.csv');
    expect(lastAudit().search.get('format')).toBe('csv');
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('at,by,action,ip,details');
    expect(csv.split('\r\n')).toHaveLength(4);

    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    await page.click('[data-testid=lang-fr]');
    await expect.poll(() => page.locator('#audit-title').innerText()).toBe('Journal d’audit');
    await page.close();
  });

  it('fits a 375 px phone in Arabic without sideways scrolling (the table scrolls in its own box)', async () => {
    const { page } = await openAdmin(browser, server.url, server.password, '#/audit', smallVenue(), { viewport: { width: 375, height: 800 } });
    await page.click('[data-testid=lang-ar]');
    await expect.poll(() => page.locator('[data-testid=audit-row]').count()).toBe(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    // Every tab's label is whole (the admin's seven tabs wrap instead of being cut).
    const cut = await page.evaluate(() => Array.from(document.querySelectorAll('.incident-nav button'), (button) => button.scrollWidth > button.clientWidth + 1).filter(Boolean).length);
    expect(cut).toBe(0);
    await page.close();
  });
});
