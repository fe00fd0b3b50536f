/**
 * People and devices (issue 16) in headless Chromium: staff accounts (add, refuse a short password or a
 * taken name, change a role, disable, reset a password, remove, the last admin kept), sessions (end one),
 * devices (add with a scope, the key shown once with a QR code of the provisioning link, rotate, revoke).
 * The admin API is answered by the fixture that follows the API note; sign-in is the real server's.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { openAdmin } from './support/admin-page.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { smallVenue } from './support/small-venue.ts';

const haveChromium = chromiumAvailable('the people and devices browser tests');

describe.skipIf(!haveChromium)('people and devices in a browser', () => {
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

  it('adds, changes, resets and removes accounts, keeps the last admin, ends a session', async () => {
    const { page, api } = await openAdmin(browser, server.url, server.password, '#/people', smallVenue());
    const users = page.locator('[data-testid=users-list]');
    await users.waitFor();
    await expect.poll(() => users.locator('[data-testid=user-row]').count()).toBe(2);
    const add = page.locator('[data-testid=add-user]');
    const error = page.locator('[data-testid=users-error]');

    // Too short a password: refused on the page, nothing sent.
    await add.locator('input[name=username]').fill('steward1');
    await add.locator('select[name=role]').selectOption('steward');
    await add.locator('input[name=password]').fill('short');
    await add.locator('button[type=submit]').click();
    await expect.poll(() => error.innerText()).toMatch(/at least 10 characters/);
    expect(api.requests.some((request) => request.method === 'POST')).toBe(false);

    await add.locator('input[name=password]').fill('long-enough-1');
    await add.locator('button[type=submit]').click();
    const steward = users.locator('[data-testid=user-row][data-user=steward1]');
    await steward.waitFor();
    expect(api.users.find((user) => user.username === 'steward1')).toMatchObject({ role: 'steward', password: 'long-enough-1' });
    // The same name again: the server's 409 "exists", in words.
    await add.locator('input[name=username]').fill('steward1');
    await add.locator('input[name=password]').fill('long-enough-2');
    await add.locator('button[type=submit]').click();
    await expect.poll(() => error.innerText()).toMatch(/already taken/);

    // Role, disable, reset password.
    await steward.locator('select[name=role]').selectOption('security');
    await expect.poll(() => api.users.find((user) => user.username === 'steward1')?.role).toBe('security');
    await steward.locator('[data-action=toggle]').click();
    await expect.poll(() => steward.getAttribute('data-disabled')).toBe('true');
    await steward.locator('[data-action=reset]').click();
    await steward.locator('input[name=new-password]').fill('brand-new-password');
    await steward.locator('form button[type=submit]').click();
    await expect.poll(() => api.users.find((user) => user.username === 'steward1')?.password).toBe('brand-new-password');

    // The last enabled admin cannot be demoted or removed: the refusal is explained, nothing changes.
    const adminRow = users.locator('[data-testid=user-row][data-user=admin]');
    await adminRow.locator('[data-action=remove]').click();
    await expect.poll(() => error.innerText()).toMatch(/last enabled administrator/);
    await page.click('[data-testid=lang-fr]');
    await adminRow.locator('select[name=role]').selectOption('manager');
    await expect.poll(() => error.innerText()).toMatch(/dernier administrateur actif/);
    // The refused role is not left on screen.
    expect(await adminRow.locator('select[name=role]').inputValue()).toBe('admin');
    await page.click('[data-testid=lang-en]');
    expect(api.users.some((user) => user.username === 'admin')).toBe(true);

    await steward.locator('[data-action=remove]').click();
    await expect.poll(() => users.locator('[data-user=steward1]').count()).toBe(0);

    // Sessions: the list, and ending one.
    const session = page.locator('[data-testid=session-row][data-session=s-admin]');
    await session.waitFor();
    await session.locator('button').click();
    await expect.poll(() => api.sessions.length).toBe(0);
    await expect.poll(() => page.locator('[data-testid=sessions-panel]').innerText()).toMatch(/Nobody is signed in/);
    await page.close();
  });

  it('adds a device with its scope, shows its key once with a QR code, rotates and revokes it', async () => {
    const { page, api } = await openAdmin(browser, server.url, server.password, '#/people', smallVenue());
    const devices = page.locator('[data-testid=devices-list]');
    await devices.locator('[data-device=counter-main]').waitFor();
    await expect.poll(() => devices.locator('[data-device=counter-main]').innerText()).toMatch(/main-gate[\s\S]*never/);

    const add = page.locator('[data-testid=add-device]');
    await add.locator('input[name=device-id]').fill('tally-north');
    await add.locator('button[type=submit]').click();
    await expect.poll(() => page.locator('[data-testid=devices-error]').innerText()).toMatch(/gates or the stands/);
    await add.locator('input[name=gates]').fill('main-gate, side-gate');
    await add.locator('button[type=submit]').click();
    const card = page.locator('[data-testid=device-key]');
    await card.waitFor();
    const stored = { ...api.devices.find((device) => device.id === 'tally-north')! };
    expect(stored.gates).toEqual(['main-gate', 'side-gate']);
    expect(await card.locator('[data-testid=device-key-value]').innerText()).toBe(stored.key);
    expect(await card.locator('[data-testid=provisioning-url]').innerText()).toContain(`key=${stored.key}`);
    // The QR code is made on the page (a data: image, no request leaves it).
    await expect.poll(() => card.locator('[data-testid=device-qr]').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);

    // Shown once: hidden, it is gone; a rotation shows the new key.
    await card.locator('button').click();
    expect(await card.count()).toBe(0);
    await devices.locator('[data-device=tally-north] [data-action=rotate]').click();
    await card.waitFor();
    const rotated = api.devices.find((device) => device.id === 'tally-north')!.key;
    expect(rotated).not.toBe(stored.key);
    expect(await card.locator('[data-testid=device-key-value]').innerText()).toBe(rotated);

    await devices.locator('[data-device=tally-north] [data-action=revoke]').click();
    await expect.poll(() => devices.locator('[data-device=tally-north]').count()).toBe(0);
    expect(api.devices.map((device) => device.id)).toEqual(['counter-main']);
    expect(await card.count()).toBe(0);

    // In Arabic, right to left.
    await page.click('[data-testid=lang-ar]');
    await expect.poll(() => page.locator('[data-testid=admin-people]').innerText()).toBe('الأشخاص والأجهزة');
    await expect.poll(() => page.locator('[data-testid=devices-panel] h2').innerText()).toBe('العدّادات والماسحات');
    await page.close();
  });

  it('shows no admin tab to the operations role', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'en-GB' });
    await page.goto(`${server.url}/#/people`);
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    expect(await page.locator('[data-testid=admin-people], [data-testid=admin-venue], [data-testid=admin-audit], [data-testid=people-screen]').count()).toBe(0);
    await page.close();
  });
});
