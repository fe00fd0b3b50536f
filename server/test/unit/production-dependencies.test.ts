import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = new URL('../..', import.meta.url).pathname;
/** The entry points that may use development-only packages: the demo plays the simulator. */
const DEMO_ONLY = new Set(['demo.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []));
}

describe('the production server', () => {
  it('does not depend on the simulator: only the demo imports it, as a development dependency', () => {
    const manifest = JSON.parse(readFileSync(join(SERVER, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    expect(manifest.dependencies).not.toHaveProperty('@fairwatch/simulator');
    expect(manifest.devDependencies).toHaveProperty('@fairwatch/simulator');
    const importers = sources(join(SERVER, 'src'))
      .filter((file) => readFileSync(file, 'utf8').includes("from '@fairwatch/simulator'"))
      .map((file) => file.slice(join(SERVER, 'src').length + 1));
    expect(importers.filter((file) => !DEMO_ONLY.has(file))).toEqual([]);
  });
});
