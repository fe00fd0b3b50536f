import { spawnSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';

const NGINX = ['/usr/sbin/nginx', 'nginx'].find((candidate) => spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0);

/** Whether nginx can run here. Missing: proxy tests skip loudly, except in CI. */
export function nginxAvailable(): boolean {
  if (!NGINX) {
    if (process.env.CI === 'true') throw new Error('nginx is required in CI (install the nginx-light package)');
    console.warn('\n!!! nginx not found: the tests of infra/nginx are SKIPPED. Install it (apt-get install nginx-light) to run them.\n');
  }
  return Boolean(NGINX);
}

/**
 * Runs the repository's `infra/nginx/<config>` as it is, in front of `upstreamPort`, on a free port
 * of its own: only the listen ports, the upstream servers and (with `tls`) the certificate's files are
 * rewritten. `httpsUrl`: the TLS server of fairwatch-tls.conf.
 */
export async function startNginx(config: string, upstreamPort: number, tls?: { certFile: string; keyFile: string }): Promise<{ url: string; httpsUrl: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'fairwatch-nginx-'));
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const httpsPort = await freePort();
  let site = readFileSync(fileURLToPath(new URL(`../../../infra/nginx/${config}`, import.meta.url)), 'utf8')
    .replace(/^(\s*)listen (8080|80);/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^(\s*)listen 443 ssl/m, `$1listen 127.0.0.1:${httpsPort} ssl`)
    .replace(/\n\s*listen \[::\]:[^\n]+/g, '')
    .replace(/(upstream fairwatch \{[\s\S]*?)(\s+server [^\n]+\n)+/, `$1\n    server 127.0.0.1:${upstreamPort};\n`);
  if (tls) site = site.replace(/ssl_certificate\s+\S+;/, `ssl_certificate ${tls.certFile};`).replace(/ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${tls.keyFile};`);
  writeFileSync(join(dir, 'site.conf'), site);
  writeFileSync(join(dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  include ${dir}/site.conf;
}
`);
  const child = spawn(NGINX!, ['-p', dir, '-c', join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (!(await fetch(`${url}/api/v1/health`, { redirect: 'manual' }).then(() => true, () => false))) {
    if (child.exitCode !== null || Date.now() - started > 10_000) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    httpsUrl: `https://127.0.0.1:${httpsPort}`,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
