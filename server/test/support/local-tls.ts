import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../src/cli/tls-local.ts', import.meta.url));

/** Whether `openssl` can run here (`pnpm tls:local` needs it). Missing: TLS tests skip loudly, except in CI. */
export function opensslAvailable(): boolean {
  const found = spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0;
  if (!found) {
    if (process.env.CI === 'true') throw new Error('openssl is required in CI (install the openssl package)');
    console.warn('\n!!! openssl not found: TLS tests are SKIPPED. Install it (apt-get install openssl) to run them.\n');
  }
  return found;
}

/** Runs `pnpm tls:local` for these names into a new folder; returns the files it made. */
export function makeLocalCertificate(names: string[]) {
  const out = join(mkdtempSync(join(tmpdir(), 'fairwatch-tls-test-')), 'tls');
  const run = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...names, '--out', out], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`tls:local failed: ${run.stderr}${run.stdout}`);
  return { output: run.stdout, ca: readFileSync(join(out, 'fairwatch-ca.crt')), certFile: join(out, 'server.crt'), keyFile: join(out, 'server.key') };
}

/** An HTTPS request that trusts `ca` only (as a phone with the local CA installed). */
export function httpsRequest(url: string, options: { ca?: Buffer; method?: string; body?: unknown; token?: string; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(url, {
      method: options.method ?? 'GET',
      ca: options.ca,
      headers: { ...options.headers, ...(body && { 'content-type': 'application/json' }), ...(options.token && { authorization: `Bearer ${options.token}` }) },
    }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
      });
    });
    req.once('error', reject);
    req.end(body);
  });
}
