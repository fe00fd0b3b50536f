import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.ts';

/** Debian's mosquitto package puts the broker here (and mosquitto_pub in /usr/bin). */
export const MOSQUITTO = '/usr/sbin/mosquitto';
export const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';

/** Whether the broker and its publisher are installed. Without them, MQTT tests skip loudly, except in CI. */
export function mosquittoAvailable(): boolean {
  const found = existsSync(MOSQUITTO) && existsSync(MOSQUITTO_PUB);
  if (!found) {
    if (process.env.CI === 'true') throw new Error('mosquitto is required in CI (install the mosquitto and mosquitto-clients packages)');
    console.warn('\n!!! mosquitto not found: MQTT connector tests are SKIPPED. Install it (apt-get install mosquitto mosquitto-clients) to run them.\n');
  }
  return found;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A private mosquitto on a free loopback port, persistent (its sessions and queued QoS 1 messages
 * survive a restart, as a broker of a venue would be set up), that the test can stop and start again.
 */
export class TestMosquitto {
  #process: ChildProcess | null = null;
  readonly #dir = mkdtempSync(join(tmpdir(), 'fairwatch-mosquitto-'));
  private constructor(readonly port: number) {
    writeFileSync(join(this.#dir, 'mosquitto.conf'), [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      // Started as root, mosquitto would switch to its own user, who may not write the test's directory.
      `user ${userInfo().username}`,
      'persistence true',
      `persistence_location ${this.#dir}/`,
      'autosave_interval 1',
      'log_dest stderr',
      'log_type error',
      '',
    ].join('\n'));
  }

  static async start(): Promise<TestMosquitto> {
    const broker = new TestMosquitto(await freePort());
    await broker.startProcess();
    return broker;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async startProcess(): Promise<void> {
    const child = spawn(MOSQUITTO, ['-c', join(this.#dir, 'mosquitto.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    this.#process = child;
    const deadline = Date.now() + 10_000;
    while (!(await listening(this.port))) {
      if (child.exitCode !== null) throw new Error(`mosquitto exited (${child.exitCode}): ${stderr}`);
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen in time: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Stops the broker cleanly (it writes its persistence file), as a restart for maintenance would. */
  async stopProcess(): Promise<void> {
    const child = this.#process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    this.#process = null;
  }

  /** Publishes one message with mosquitto_pub (QoS 1), as a device or gateway would. */
  publish(topic: string, message: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(MOSQUITTO_PUB, ['-h', '127.0.0.1', '-p', String(this.port), '-q', '1', '-t', topic, '-m', message], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub failed (${code}): ${stderr}`))));
    });
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
