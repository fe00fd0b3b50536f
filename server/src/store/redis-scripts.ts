/**
 * The Lua scripts that make each write of the Redis store atomic (idempotency by report id, the
 * figures, the durable log entry and the change notification happen together or not at all), and the
 * one atomic read of the floor. The scripts live in `lua/*.lua`, read from the source tree at start-up
 * and loaded with SCRIPT LOAD; the store calls them by SHA (EVALSHA).
 *
 * Scripts rather than Redis 7 Functions: a script is named by its content, so two versions of the
 * server (a rolling upgrade) each run their own, where a FUNCTION LOAD REPLACE by one would change
 * the other's code under it; nothing is persisted in Redis that a restore could bring back stale;
 * the bench's ceiling is this same script by EVALSHA.
 *
 * Named arguments: ARGV[1] is a JSON object of the script's parameters; the items of a batch follow,
 * one stride each, positional for speed but named by the header's `fields` (the script resolves the
 * names it reads once per batch, and fails on a missing one). Every key starts with the same hash tag,
 * so that all of them live in one Redis Cluster slot.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { REPEAT_SCAN_WINDOW_MS } from '@fairwatch/protocol';
import type { ApplyContext, PreparedCount } from '../domain/floor-counters.ts';
import { JUMP_BASE, JUMP_PER_SECOND, MAX_TOTALS_STEP, WRAP_MODULUS, WRAP_WINDOW } from '../domain/running-totals.ts';
import { bucketExpiresAtMs, bucketWidthMs, liveBuckets } from './id-buckets.ts';
import type { PreparedCheckin } from './store.ts';

/** How long the badges seen at stands on a day are kept for repeat checks (late reports of yesterday too). */
export const BADGE_SIGHTINGS_KEPT_MS = 2 * 24 * 3600_000;

export interface LuaScript {
  name: string;
  source: string;
  sha: string;
}

function luaFile(name: string): string {
  return readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
}

/** A script: the shared helpers (named-args.lua, then append-log.lua, report-ids.lua) in front of its own file. */
function script(name: string, helpers: string[]): LuaScript {
  const source = ['named-args', ...helpers, name].map(luaFile).join('\n');
  return { name, source, sha: createHash('sha1').update(source).digest('hex') };
}

const LOG = ['append-log'];
export const SCRIPTS = {
  ingestCounts: script('ingest-counts', [...LOG, 'report-ids']),
  ingestCheckins: script('ingest-checkins', [...LOG, 'report-ids']),
  createIncident: script('create-incident', LOG),
  replaceIncident: script('replace-incident', LOG),
  recountZone: script('recount-zone', LOG),
  raiseAlert: script('raise-alert', LOG),
  replaceAlert: script('replace-alert', LOG),
  readFloor: script('read-floor', []),
} satisfies Record<string, LuaScript>;

/** What the ingest scripts need besides the batch. */
export interface IngestScriptOptions {
  prefix: string;
  idTtlSeconds: number;
  logMaxEntries: number;
}

/** The live id buckets and how long the newest must last. */
function idArgs(nowMs: number, idTtlSeconds: number): { idBuckets: string[]; idExpireMs: string } {
  const ttlMs = idTtlSeconds * 1000;
  const width = bucketWidthMs(ttlMs);
  const buckets = liveBuckets(nowMs, width, ttlMs);
  return { idBuckets: buckets.map(String), idExpireMs: String(Math.ceil(bucketExpiresAtMs(buckets[0]!, width, ttlMs) - nowMs)) };
}

function hourOf(item: { hour?: number | undefined; atMs: number }): string {
  return String(item.hour ?? new Date(item.atMs).getUTCHours());
}

/** The rules' constants, from the TypeScript domain: one definition for both stores. */
const TOTALS_RULES = { wrapModulus: WRAP_MODULUS, wrapWindow: WRAP_WINDOW, jumpBase: JUMP_BASE, jumpPerSecond: JUMP_PER_SECOND, maxStep: MAX_TOTALS_STEP };

/** The fields of a count report, in the order countsScriptArgs writes them. */
const COUNT_FIELDS = ['id', 'cell', 'in', 'out', 'at', 'atMs', 'logged'];

/** A cell of a batch: what its reports share, sent once in the header ([gate, from, to, day, hour, device]). */
interface Cell {
  key: string;
  gate: string;
  day: string;
  hour: number;
  device: string | undefined;
  gateJson: string;
}

/**
 * The log's JSON of a report, the text JSON.stringify(loggedCountOf(report)) makes (a test holds
 * them equal), without the object in between: this runs for every report.
 */
export function loggedCountJson(r: PreparedCount): string {
  return loggedJson(r, JSON.stringify(r.gate), JSON.stringify(r.at));
}

/** The same, with the gate's and the time's JSON given (a batch has few of each). */
function loggedJson(r: PreparedCount, gateJson: string, atJson: string): string {
  return r.device === undefined
    ? `{"id":${JSON.stringify(r.id)},"gate":${gateJson},"at":${atJson},"in":${r.in},"out":${r.out}}`
    : `{"id":${JSON.stringify(r.id)},"gate":${gateJson},"at":${atJson},"device":${JSON.stringify(r.device)},"inTotal":${r.in},"outTotal":${r.out}}`;
}

/**
 * The arguments of ingest-counts.lua for a batch (the Redis store and the benchmark use this): the
 * header with the batch's cells, then per report its id, cell, counts, time and log JSON. Each
 * argument costs the server (building, encoding) and Redis (parsing, a Lua string) alike.
 */
export function countsScriptArgs(batch: readonly PreparedCount[], context: ApplyContext, options: IngestScriptOptions): string[] {
  const cells: Record<string, [string, string, string, string, string, string]> = {};
  // Cells by the report's line (one object per gate of a venue version), then a short scan.
  const byLine = new Map<PreparedCount['line'], Cell[]>();
  // The header goes first, once the cells are known.
  const args: string[] = [''];
  let count = 0;
  let lastAt = '';
  let lastAtJson = '""';
  for (const r of batch) {
    const hour = r.hour ?? new Date(r.atMs).getUTCHours();
    let candidates = byLine.get(r.line);
    if (!candidates) byLine.set(r.line, (candidates = []));
    let cell: Cell | undefined;
    for (const c of candidates) {
      if (c.gate === r.gate && c.day === r.day && c.hour === hour && c.device === r.device) {
        cell = c;
        break;
      }
    }
    if (!cell) {
      cell = { key: String(count++), gate: r.gate, day: r.day, hour, device: r.device, gateJson: JSON.stringify(r.gate) };
      candidates.push(cell);
      cells[cell.key] = [r.gate, r.line.from ?? '', r.line.to ?? '', r.day, String(hour), r.device ?? ''];
    }
    if (r.at !== lastAt) {
      lastAt = r.at;
      lastAtJson = JSON.stringify(r.at);
    }
    args.push(r.id, cell.key, String(r.in), String(r.out), r.at, String(r.atMs), loggedJson(r, cell.gateJson, lastAtJson));
  }
  const header = {
    prefix: options.prefix, nowMs: String(context.nowMs), nowIso: context.nowIso, today: context.today, ...idArgs(context.nowMs, options.idTtlSeconds),
    logMax: String(options.logMaxEntries), rules: TOTALS_RULES, cells, fields: COUNT_FIELDS,
  };
  args[0] = JSON.stringify(header);
  return args;
}

const CHECKIN_FIELDS = ['id', 'stand', 'badge', 'at', 'atMs', 'day', 'hour'];

/** The arguments of ingest-checkins.lua for a batch. */
export function checkinsScriptArgs(batch: readonly PreparedCheckin[], context: ApplyContext, options: IngestScriptOptions & { recentWindowMs: number }): string[] {
  const header = {
    prefix: options.prefix, nowMs: String(context.nowMs), nowIso: context.nowIso, ...idArgs(context.nowMs, options.idTtlSeconds), logMax: String(options.logMaxEntries),
    recentWindowMs: options.recentWindowMs, badgeSightingsKeptMs: BADGE_SIGHTINGS_KEPT_MS, repeatWindowMs: REPEAT_SCAN_WINDOW_MS, fields: CHECKIN_FIELDS,
  };
  const args = [JSON.stringify(header)];
  for (const c of batch) args.push(c.id, c.stand, c.badge ?? '', c.at, String(c.atMs), c.day, hourOf(c));
  return args;
}
