/**
 * `pnpm tls:local NAME_OR_IP... [--out DIR]`: a local certificate authority and a certificate for the
 * venue's LAN name(s) and address(es), made with `openssl`, so that the server speaks HTTPS and WSS
 * (TLS_CERT_FILE, TLS_KEY_FILE) and staff phones trust it once the CA is installed on them (README,
 * "Security"). The CA is name-constrained to the names given: even if its key leaked, it could not
 * vouch for any other site to those phones. Running it again with the same names renews the server
 * certificate under the same CA (phones keep it); other names need a new CA (delete the folder).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: pnpm tls:local NAME_OR_IP... [--out DIR]
  e.g. pnpm tls:local fairwatch.lan 192.168.1.10      (default DIR: ./tls)
Writes DIR/fairwatch-ca.crt (install it on staff phones), DIR/fairwatch-ca.key (keep it offline),
DIR/server.crt and DIR/server.key (TLS_CERT_FILE and TLS_KEY_FILE).`;

/** iOS refuses server certificates valid for longer than 825 days, even under a CA the user installed. */
const SERVER_DAYS = 800;
const CA_DAYS = 3650;

function fail(message: string): never {
  console.error(`tls:local: ${message}`);
  process.exit(2);
}

function openssl(args: string[]): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error) fail(`openssl is needed (Debian: apt-get install openssl): ${run.error.message}`);
  if (run.status !== 0) fail(`openssl ${args[0]} failed: ${run.stderr.trim()}`);
}

function opensslOutput(args: string[]): string {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.status !== 0) fail(`openssl ${args[0]} failed: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

/** A DNS label list or an IP address, nothing that could smuggle text into an openssl config. */
function checkedName(name: string): string {
  if (isIP(name) || /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(name)) return name;
  fail(`not a host name or IP address: ${JSON.stringify(name)}`);
}

function subjectAltNames(names: string[]): string {
  return names.map((name) => (isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(', ');
}

function nameConstraints(names: string[]): string {
  return names
    .map((name) => {
      if (isIP(name) === 4) return `permitted;IP:${name}/255.255.255.255`;
      if (isIP(name) === 6) return `permitted;IP:${name}/ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff`;
      return `permitted;DNS:${name}`;
    })
    .join(', ');
}

function main(): void {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    if (!values.help) process.exit(2);
    return;
  }
  const names = [...new Set(positionals.map(checkedName))];
  const out = resolve(values.out ?? 'tls');
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const file = (name: string) => join(out, name);
  const work = mkdtempSync(join(tmpdir(), 'fairwatch-tls-'));
  try {
    const namesFile = file('fairwatch-ca.names');
    if (existsSync(file('fairwatch-ca.crt')) && existsSync(file('fairwatch-ca.key'))) {
      const caNames = existsSync(namesFile) ? readFileSync(namesFile, 'utf8').trim().split('\n') : [];
      const outside = names.filter((name) => !caNames.includes(name));
      if (outside.length) fail(`the CA in ${out} is for ${caNames.join(', ') || 'other names'}, not ${outside.join(', ')}: remove ${file('fairwatch-ca.*')} to make a new one (and install it on the phones again)`);
      console.log(`reusing the CA in ${out} (phones that trust it keep trusting the new certificate)`);
    } else {
      writeFileSync(join(work, 'ca.cnf'), [
        '[req]', 'distinguished_name = dn', 'prompt = no',
        '[dn]', `CN = FairWatch local CA (${names[0]})`, 'O = FairWatch venue network',
        '[v3_ca]', 'basicConstraints = critical, CA:TRUE, pathlen:0', 'keyUsage = critical, keyCertSign, cRLSign',
        'subjectKeyIdentifier = hash', `nameConstraints = critical, ${nameConstraints(names)}`, '',
      ].join('\n'));
      openssl(['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', file('fairwatch-ca.key')]);
      openssl(['req', '-x509', '-new', '-sha256', '-key', file('fairwatch-ca.key'), '-days', String(CA_DAYS), '-config', join(work, 'ca.cnf'), '-extensions', 'v3_ca', '-out', file('fairwatch-ca.crt')]);
      writeFileSync(namesFile, `${names.join('\n')}\n`);
    }
    writeFileSync(join(work, 'server.cnf'), [
      '[req]', 'distinguished_name = dn', 'prompt = no', '[dn]', `CN = ${names[0]}`,
      '[v3_server]', 'basicConstraints = critical, CA:FALSE', 'keyUsage = critical, digitalSignature', 'extendedKeyUsage = serverAuth',
      `subjectAltName = ${subjectAltNames(names)}`, 'subjectKeyIdentifier = hash', 'authorityKeyIdentifier = keyid, issuer', '',
    ].join('\n'));
    openssl(['ecparam', '-genkey', '-name', 'prime256v1', '-noout', '-out', file('server.key')]);
    openssl(['req', '-new', '-sha256', '-key', file('server.key'), '-config', join(work, 'server.cnf'), '-out', join(work, 'server.csr')]);
    openssl(['x509', '-req', '-sha256', '-in', join(work, 'server.csr'), '-CA', file('fairwatch-ca.crt'), '-CAkey', file('fairwatch-ca.key'), '-set_serial', `0x${randomBytes(16).toString('hex').replace(/^[89a-f]/, '1')}`, '-days', String(SERVER_DAYS), '-extfile', join(work, 'server.cnf'), '-extensions', 'v3_server', '-out', file('server.crt')]);
    for (const secret of ['fairwatch-ca.key', 'server.key']) chmodSync(file(secret), 0o600);
    const fingerprint = opensslOutput(['x509', '-noout', '-fingerprint', '-sha256', '-in', file('fairwatch-ca.crt')]).replace(/^.*=/, '');
    console.log(`certificate for ${names.join(', ')}, valid ${SERVER_DAYS} days:
  TLS_CERT_FILE=${file('server.crt')}
  TLS_KEY_FILE=${file('server.key')}
install on every staff phone (README, "Security"): ${file('fairwatch-ca.crt')}
  its SHA-256 fingerprint, to compare on the phone: ${fingerprint}
keep ${file('fairwatch-ca.key')} off the server and the fair network (it renews the certificate).`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
