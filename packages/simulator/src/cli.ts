#!/usr/bin/env node
/**
 * Plays the fair against a running server:
 *   node --import tsx packages/simulator/src/cli.ts --url http://127.0.0.1:3000 --device-key KEY
 *     [--speed 60] [--seed 1] [--start 11:00] [--tick-ms 1000] [--weekday 6] [--venue file.json]
 *     [--security-user security --security-password PW]
 * Environment: FAIRWATCH_URL, DEMO_DEVICE_KEY, DEMO_PASSWORD (the security account's password).
 */
import { parseArgs } from 'node:util';
import { fesVenue, loadVenueFile } from '@fairwatch/venue';
import type { Venue } from '@fairwatch/venue';
import { startSimulator } from './runner.ts';
import type { SimulatorLogEvent } from './log.ts';

const USAGE = `usage: cli.ts --url URL --device-key KEY [--speed 60] [--seed 1] [--start HH:MM] [--tick-ms 1000]
              [--weekday 0-6] [--venue file.json] [--security-user security --security-password PW]
env: FAIRWATCH_URL, DEMO_DEVICE_KEY, DEMO_PASSWORD`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) fail(`--${name} must be a number, not "${value}"`);
  return n;
}

/** One line per simulated quarter hour; warnings and errors as they come. */
function printEvent(event: SimulatorLogEvent): void {
  if (event.msg === 'progress') {
    console.log(`${event.simulatedTime}  inside ${String(event.inside).padStart(6)}  counts ${event.sentCounts}  check-ins ${event.sentCheckins}  incidents ${event.incidents}  retries ${event.retries}`);
  } else if (event.level === 'info') {
    console.log(`  ${event.msg}`);
  } else {
    console.error(`${event.level}: ${event.msg}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'device-key': { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      'tick-ms': { type: 'string' },
      weekday: { type: 'string' },
      venue: { type: 'string' },
      'security-user': { type: 'string' },
      'security-password': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const baseUrl = values.url ?? process.env.FAIRWATCH_URL ?? 'http://127.0.0.1:3000';
  const deviceKey = values['device-key'] ?? process.env.DEMO_DEVICE_KEY;
  if (!deviceKey) fail('a device key is needed (--device-key or DEMO_DEVICE_KEY)');
  const password = values['security-password'] ?? process.env.DEMO_PASSWORD;
  const venue: Venue = values.venue ? await loadVenueFile(values.venue) : fesVenue;

  const simulator = startSimulator({
    baseUrl,
    deviceKey,
    venue,
    speed: numberOption(values.speed, 'speed'),
    seed: numberOption(values.seed, 'seed'),
    tickMs: numberOption(values['tick-ms'], 'tick-ms'),
    weekday: numberOption(values.weekday, 'weekday'),
    startAt: values.start,
    incidents: password ? { username: values['security-user'] ?? 'security', password } : false,
    log: printEvent,
  });
  console.log(`simulating ${venue.name.en} against ${baseUrl}${password ? ', with incidents' : ''}; Ctrl-C to stop`);

  const shutdown = async () => {
    await simulator.stop();
    const s = simulator.stats();
    console.log(`stopped at ${s.simulatedTime}: ${s.sentCounts} counts, ${s.sentCheckins} check-ins, ${s.incidents} incidents, ${s.retries} retries`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
