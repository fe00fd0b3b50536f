import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: browser downloads are not possible on these machines. */
export const CHROMIUM = '/usr/bin/chromium';
/** Headless flags: no sandbox as root, and no background connections (the closed network refuses them). */
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const BUILT_DASHBOARD = fileURLToPath(new URL('../../../dashboard/dist/index.html', import.meta.url));

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a loud warning, except in
 * CI (`CI=true`), where its absence is an error.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`${CHROMIUM} is missing: CI must run the browser tests`);
  console.warn(`\n\n*** ${CHROMIUM} is missing: ${suite} SKIPPED (apt-get install chromium) ***\n\n`);
  return false;
}

/**
 * Launches headless Chromium; the tests need the built dashboard (`pnpm build`, which `pnpm test` runs).
 * `extraArgs` add flags (a fake camera, for instance).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(BUILT_DASHBOARD)) throw new Error('dashboard/dist is missing: run `pnpm build` first');
  return chromium.launch({ executablePath: CHROMIUM, args: [...LAUNCH_ARGS, ...extraArgs] });
}
