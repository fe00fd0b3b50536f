/**
 * The dashboard under the server's strict Content-Security-Policy: it must work with no violation
 * (no inline script, no foreign connection), in Chromium, against a real server process.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from './support/chromium.ts';
import { startServer, type ServerProcess } from '../../server/test/support/server-process.ts';

const haveChromium = chromiumAvailable('the CSP browser test');

describe.skipIf(!haveChromium)('the dashboard under a strict Content-Security-Policy', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in, draws the live map and reports no CSP violation', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(`Refused to load: CSP ${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const response = await page.goto(server.url);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.fill('input[name=username]', 'operations');
    await page.fill('input[name=password]', server.password);
    await page.click('button[type=submit]');
    await page.locator('[data-testid=floor-map] .zone-shape').first().waitFor();
    await expect.poll(async () => /\d/.test(await page.locator('[data-testid=kpi-inside]').innerText())).toBe(true);
    await page.waitForTimeout(500);
    expect(violations).toEqual([]);
    await page.close();
  });
});
