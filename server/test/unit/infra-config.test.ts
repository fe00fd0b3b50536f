import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The bundled deployment files as an operator copies them (issue 14, findings 1 and 8). The nginx
 * configs also run for real in nginx-proxy.test.ts; compose needs Docker, so its Redis is read here.
 */
const read = (path: string) => readFileSync(new URL(`../../../infra/${path}`, import.meta.url), 'utf8');
/** The lines that are not comments. */
const settings = (text: string) => text.split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');

describe('infra/compose.yaml', () => {
  const compose = settings(read('compose.yaml'));
  /** A top-level service's block: from `  <name>:` to the next line indented as little. */
  const service = (name: string) => new RegExp(`^  ${name}:[^\\n]*\\n((?:    [^\\n]*\\n|\\s*\\n)*)`, 'm').exec(compose)?.[1] ?? '';

  it('runs Redis with a password and protected mode, on an internal network only, with no published port', () => {
    const redis = service('redis');
    expect(redis).toMatch(/requirepass/);
    expect(redis).toMatch(/--protected-mode yes/);
    expect(redis).not.toMatch(/protected-mode no/);
    expect(redis).not.toMatch(/^\s*ports:/m);
    expect(redis).toMatch(/networks: \[backend\]/);
    expect(compose).toMatch(/^  backend:\n    internal: true/m);
  });

  it('gives the instances a Redis URL with the password and one shared SESSION_SECRET', () => {
    expect(compose).toMatch(/REDIS_URL: redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379/);
    expect(compose).toMatch(/SESSION_SECRET: \$\{SESSION_SECRET:\?/);
  });
});

describe('infra/redis/redis.conf', () => {
  const conf = settings(read('redis/redis.conf'));
  it('binds to loopback with protected mode on', () => {
    expect(conf).toMatch(/^bind 127\.0\.0\.1( -::1)?$/m);
    expect(conf).toMatch(/^protected-mode yes$/m);
    expect(conf).not.toMatch(/^bind .*0\.0\.0\.0/m);
  });
});

describe.each(['fairwatch.conf', 'compose.conf', 'fairwatch-tls.conf'])('infra/nginx/%s', (file) => {
  const conf = settings(read(`nginx/${file}`));
  it('sets X-Forwarded-For to the address nginx saw in every proxied location, never the client’s', () => {
    const proxied = conf.match(/proxy_pass /g)?.length ?? 0;
    const forwarded = conf.match(/proxy_set_header X-Forwarded-For \$remote_addr;/g)?.length ?? 0;
    expect(proxied).toBeGreaterThan(0);
    expect(forwarded).toBe(proxied);
    expect(conf).not.toMatch(/proxy_add_x_forwarded_for|X-Forwarded-For \$http_x_forwarded_for/);
  });
});

describe('infra/nginx/fairwatch-tls.conf', () => {
  const conf = settings(read('nginx/fairwatch-tls.conf'));
  it('terminates TLS (1.2 and 1.3 only) with HSTS, and answers plain HTTP only with a redirect', () => {
    expect(conf).toMatch(/listen 443 ssl/);
    expect(conf).toMatch(/ssl_protocols TLSv1\.2 TLSv1\.3;/);
    expect(conf).toMatch(/add_header Strict-Transport-Security "max-age=\d+" always;/);
    const plain = /server \{\s*listen 80;[\s\S]*?\}/.exec(conf)?.[0] ?? '';
    expect(plain).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
    expect(plain).not.toMatch(/proxy_pass/);
  });
});
