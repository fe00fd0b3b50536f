import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../support/api-client.ts';
import { writeDevicesFile } from '../support/devices-fixture.ts';
import { startServer, type ServerProcess } from '../support/server-process.ts';
import { axisLiveSum } from '../fixtures/vendor-samples.ts';

/** The camera's local wall-clock time, as AXIS People Counter writes it (no zone). */
function cameraTime(atMs: number, timeZone = 'Africa/Casablanca'): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(atMs).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}${parts.hour}${parts.minute}${parts.second}`;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/**
 * A stand-in for the camera: answers live-sum.json with whatever totals the test sets, behind Basic
 * auth, or behind Digest (qop auth, MD5) as AXIS cameras are by default, its nonce renewed every
 * few requests (answered 401 with a new challenge, as a camera does for an expired nonce).
 */
class FakeCamera {
  totals = { in: 0, out: 0 };
  failing = false;
  polls = 0;
  basicSeen = 0;
  #nonce = randomBytes(8).toString('hex');
  #nonceUses = 0;
  constructor(readonly scheme: 'basic' | 'digest' = 'basic') {}

  #authorized(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (header.startsWith('Basic ')) this.basicSeen++;
    if (this.scheme === 'basic') return header === `Basic ${Buffer.from('viewer:secret').toString('base64')}`;
    if (!header.startsWith('Digest ')) return false;
    const p = Object.fromEntries([...header.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]));
    if (p.nonce !== this.#nonce || p.username !== 'viewer' || p.uri !== req.url || p.qop !== 'auth') return false;
    const expected = md5(`${md5(`viewer:${p.realm}:secret`)}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${md5(`GET:${req.url}`)}`);
    return p.response === expected && ++this.#nonceUses <= 3;
  }

  readonly server: Server = createServer((req, res) => {
    if (!this.#authorized(req)) {
      if (this.scheme === 'digest' && this.#nonceUses > 3) {
        this.#nonce = randomBytes(8).toString('hex');
        this.#nonceUses = 0;
      }
      res.writeHead(401, this.scheme === 'digest' ? { 'www-authenticate': `Digest realm="AXIS_ACCC8E654321", nonce="${this.#nonce}", algorithm=MD5, qop="auth"` } : {}).end();
      return;
    }
    this.polls++;
    if (this.failing || req.url !== '/local/tvpc/.api?live-sum.json') {
      res.writeHead(503).end('busy');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(axisLiveSum(cameraTime(Date.now()), this.totals.in, this.totals.out));
  });
  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as AddressInfo).port;
  }
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('AXIS People Counter polled for live-sum.json', () => {
  const camera = new FakeCamera();
  const digestCamera = new FakeCamera('digest');
  let server: ServerProcess;
  let api: ApiClient;
  let staff: string;

  beforeAll(async () => {
    camera.totals = { in: 100, out: 20 };
    const port = await camera.listen();
    digestCamera.totals = { in: 40, out: 10 };
    const digestPort = await digestCamera.listen();
    const devicesFile = writeDevicesFile([
      { id: 'axis-pc-services', vendor: 'axis-people-counter', lines: { '0': 'promenade-services' }, poll: { url: `http://127.0.0.1:${digestPort}/local/tvpc/.api?live-sum.json`, everyS: 1, username: 'viewer', password: 'secret' } },
      { id: 'axis-pc-institutional', vendor: 'axis-people-counter', serial: 'ACCC8E123456', lines: { '0': 'promenade-institutional' }, poll: { url: `http://127.0.0.1:${port}/local/tvpc/.api?live-sum.json`, everyS: 1, username: 'viewer', password: 'secret' } },
    ]);
    server = await startServer({ env: { DEVICES_FILE: devicesFile } });
    api = new ApiClient(server.url);
    staff = await api.login('operations', server.password);
  });
  afterAll(async () => {
    await server?.stop();
    camera.server.close();
    digestCamera.server.close();
  });

  const gate = async () => (await api.get('/api/v1/stats', staff)).body.gates['promenade-institutional'] as { inToday: number; outToday: number };

  it('counts today\'s totals and their growth once per change, dated by the camera\'s local clock', async () => {
    await until(async () => (await gate()).inToday === 100, 'the first poll counted');
    camera.totals = { in: 130, out: 25 };
    await until(async () => (await gate()).inToday === 130, 'the next poll counted the difference');
    expect(await gate()).toMatchObject({ inToday: 130, outToday: 25 });
    expect((await api.get('/api/v1/stats', staff)).body.zones['institutional-pole'].occupancy).toBe(105);
    const device = (await api.get('/api/v1/devices/health', staff)).body.devices.find((d: { id: string }) => d.id === 'axis-pc-institutional');
    expect(device).toMatchObject({ id: 'axis-pc-institutional', status: 'online', datedOnArrival: false });
    // The camera's time is read in the venue's zone: its skew is seconds, not an hour.
    expect(Math.abs(device.clockSkewMs)).toBeLessThan(5_000);
  });

  it('answers a camera that takes only Digest authentication, never sending it the password in clear', async () => {
    const services = async () => (await api.get('/api/v1/stats', staff)).body.gates['promenade-services'] as { inToday: number; outToday: number };
    await until(async () => (await services()).inToday === 40, 'the digest camera was read');
    // more polls than a nonce lasts: the renewed challenge is answered too
    digestCamera.totals = { in: 55, out: 12 };
    await until(async () => (await services()).inToday === 55 && digestCamera.polls >= 5, 'later polls on renewed nonces counted', 20_000);
    expect(await services()).toMatchObject({ inToday: 55, outToday: 12 });
    expect(digestCamera.basicSeen).toBe(0);
  });

  it('keeps a failing camera in device health and heals from its totals once it answers', async () => {
    camera.failing = true;
    const polls = camera.polls;
    await until(() => camera.polls > polls, 'a poll failed');
    camera.totals = { in: 150, out: 25 };
    await until(async () => /poll failed: the device answered 503/.test((await api.get('/api/v1/devices/health', staff)).body.devices.find((d: { id: string }) => d.id === 'axis-pc-institutional').lastError?.message ?? ''), 'the failure is shown');
    camera.failing = false;
    await until(async () => (await gate()).inToday === 150, 'the totals healed');
  });
});
