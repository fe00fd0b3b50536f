import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * Writes `sw.js` next to the built app: the template in this folder with the list of files to keep
 * offline (the page and every file of this build) and a version that changes with them, so that a new
 * build replaces the old shell on the phones' next visit.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'fairwatch-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => !name.endsWith('.map') && name !== 'index.html');
      const shell = ['/', ...files.sort().map((name) => `/${name}`)];
      const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
      const template = readFileSync(new URL('./sw-template.js', import.meta.url), 'utf8');
      const source = template.replace('__FW_VERSION__', version).replace('__FW_SHELL__', JSON.stringify(shell, null, 2));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
