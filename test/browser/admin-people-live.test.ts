/**
 * People and devices against the real server (issue 16): a steward account and a counter key made in the
 * admin screen work at once, a revoked key is refused at once, and the audit tab lists what was done.
 * Needs `pnpm build` first.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniqueId } from '../../server/test/support/api-client.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';
import { openAdminLive } from './support/admin-page.ts';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';

const haveChromium = chromiumAvailable('the live people and devices browser test');

describe.skipIf(!haveChromium)('people and devices against the real server', () => {
  let server: ServerProcess;
  let browser: Browser;
  let api: ApiClient;

  beforeAll(async () => {
    server = await startServer({ env: { RATE_LIMIT: 'off' } });
    browser = await launchChromium();
    api = new ApiClient(server.url);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('makes a steward and a counter key that work at once, revokes the key, and audits it all', async () => {
    const page = await openAdminLive(browser, server.url, server.password, '#/people');
    const add = page.locator('[data-testid=add-user]');
    await add.waitFor();
    await add.locator('input[name=username]').fill('steward-north');
    await add.locator('select[name=role]').selectOption('steward');
    await add.locator('input[name=password]').fill('north-gate-2026');
    await add.locator('button[type=submit]').click();
    await page.locator('[data-testid=user-row][data-user=steward-north]').waitFor();
    // The new steward signs in at once and counts at a gate.
    const steward = await api.post<{ token: string; role: string }>('/api/v1/login', { username: 'steward-north', password: 'north-gate-2026' });
    expect(steward.status).toBe(200);
    expect(steward.body.role).toBe('steward');
    const gates = (await api.get<{ gates: Array<{ id: string }> }>('/api/v1/field/gates', steward.body.token)).body.gates;
    const gate = gates[0]!.id;

    const addDevice = page.locator('[data-testid=add-device]');
    await addDevice.locator('input[name=device-id]').fill('tally-north');
    await addDevice.locator('input[name=gates]').fill(gate);
    await addDevice.locator('button[type=submit]').click();
    const key = await page.locator('[data-testid=device-key] [data-testid=device-key-value]').innerText();
    expect(await page.locator('[data-testid=device-key] [data-testid=provisioning-url]').innerText()).toContain('#/provision?');
    const report = () => ({ id: uniqueId('north'), gate, in: 2, out: 0, at: new Date().toISOString() });
    expect((await api.post('/api/v1/counts', report(), key)).status).toBe(202);
    // Its scope holds: another gate is refused.
    const other = gates.find((candidate) => candidate.id !== gate)!;
    expect((await api.post('/api/v1/counts', { ...report(), gate: other.id }, key)).status).toBe(403);

    await page.locator('[data-testid=device-key] button').click();
    await page.locator('[data-device=tally-north] [data-action=revoke]').click();
    await expect.poll(() => page.locator('[data-device=tally-north]').count()).toBe(0);
    expect((await api.post('/api/v1/counts', report(), key)).status).toBe(401);

    // The audit tab shows what was done, filtered by what.
    await page.click('[data-testid=admin-audit]');
    await page.locator('[data-testid=audit-list]').waitFor();
    await expect.poll(() => page.locator('[data-testid=audit-list]').innerText()).toMatch(/device\.remove[\s\S]*device\.add[\s\S]*user\.add/);
    // In the reader's words, the code beside: in French, the revocation.
    await page.click('[data-testid=lang-fr]');
    await expect.poll(() => page.locator('[data-testid=audit-row][data-action="device.remove"]').first().innerText()).toMatch(/Appareil révoqué[\s\S]*device\.remove/);
    await page.close();
  });
});
