/**
 * Lua scripts that make each write atomic in Redis: idempotency by report id, the figures, the
 * durable log entry and the change notification happen together or not at all. The counting rules
 * mirror domain/floor-counters.ts (the embedded store); the store contract suite runs against both.
 *
 * Every key starts with the same hash tag, so that all of them live in one Redis Cluster slot.
 */
import { loggedCountOf, type ApplyContext, type PreparedCount } from '../domain/floor-counters.ts';
import type { PreparedCheckin } from './store.ts';
import { bucketExpiresAtMs, bucketWidthMs, liveBuckets } from './id-buckets.ts';
import { JUMP_BASE, JUMP_PER_SECOND, MAX_TOTALS_STEP, WRAP_MODULUS, WRAP_WINDOW } from '../domain/running-totals.ts';
import { REPEAT_SCAN_WINDOW_MS } from '@fairwatch/protocol';

/** How long the badges seen at stands on a day are kept for repeat checks (late reports of yesterday too). */
export const BADGE_SIGHTINGS_KEPT_MS = 2 * 24 * 3600_000;

/**
 * Appends to the durable log `{fw}:log`, with the entry id dated by the server's clock (`ms`), as
 * the embedded store's log and trimming are: a log of one clock, whatever Redis's says. Should that
 * clock be behind the newest entry (another instance's clock, a clock set back), the entry goes
 * right after it. Needs Redis 7 (`<ms>-*` ids).
 */
export const APPEND_LOG = `
local function appendLog(key, logMax, ms, ...)
  local id = redis.pcall('XADD', key, 'MAXLEN', '~', logMax, ms .. '-*', ...)
  if type(id) == 'table' and id.err then
    local newest = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)[1]
    id = redis.call('XADD', key, 'MAXLEN', '~', logMax, string.match(newest[1], '^%d+') .. '-*', ...)
  end
  return id
end
`;

/**
 * Idempotency, shared by the ingest scripts: ids are remembered in one set per time bucket
 * (id-buckets.ts). ARGV[5] lists the live buckets, newest first, comma-separated; ARGV[6] is how long
 * the newest must live from now, in ms. Reports start at ARGV[8], `stride` arguments each, the id
 * first. Defines `fresh[j]` (true: the j-th report is new, also within the batch) and
 * `remember()`, which adds the new ids to the newest bucket once the batch is applied.
 * One SMISMEMBER per live bucket and one SADD per batch: a SET NX EX per report cost more than the
 * rest of the script together.
 */
function idempotency(kind: 'count' | 'checkin', stride: number): string {
  return `
local idKeys = {}
for bucket in string.gmatch(ARGV[5], '[^,]+') do idKeys[#idKeys + 1] = p .. 'ids:${kind}:' .. bucket end
local ids = {}
for i = 8, #ARGV, ${stride} do ids[#ids + 1] = ARGV[i] end
local fresh, newIds, inBatch = {}, {}, {}
for j = 1, #ids do fresh[j] = true end
for _, key in ipairs(idKeys) do
  local found = redis.call('SMISMEMBER', key, unpack(ids))
  for j = 1, #ids do if found[j] == 1 then fresh[j] = false end end
end
for j = 1, #ids do
  if fresh[j] then
    if inBatch[ids[j]] then fresh[j] = false else inBatch[ids[j]] = true; newIds[#newIds + 1] = ids[j] end
  end
end
local function remember()
  if #newIds == 0 then return end
  redis.call('SADD', idKeys[1], unpack(newIds))
  redis.call('PEXPIRE', idKeys[1], ARGV[6])
end
`;
}

/**
 * ARGV: prefix, nowMs, nowIso, today, idBuckets, idExpireMs, logMaxLen,
 * then 12 per report: id, gate, from ('' = outside), to, in, out, at, day, device, atMs, hour (venue-local 0-23),
 * and the report as the log keeps it (JSON). With a device, in and out are running totals
 * (domain/running-totals.ts says how they become increments). Returns { accepted, duplicates }.
 * See countsScriptArgs. Lua time per report was most of Redis's time per batch, so what runs per
 * report is kept to table updates: keys and fields are built once per batch, sums and maxima are
 * written once at its end, and the log entry is joined from the JSON the server made.
 */
export const INGEST_COUNTS = `${APPEND_LOG}local p, nowMs, nowIso, today = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local logMax = ARGV[7]
${idempotency('count', 12)}
local zonesKey, totalsKey = p .. 'zones', p .. 'device-totals'
local occupancy, inside = {}, 0
local flat = redis.call('HGETALL', zonesKey)
for i = 1, #flat, 2 do
  local v = tonumber(flat[i + 1])
  occupancy[flat[i]] = v
  inside = inside + v
end
local touched, drift = {}, {}
local function move(zone, change)
  if zone == '' then return end
  local before = occupancy[zone] or 0
  local after = before + change
  if after < 0 then
    drift[zone] = (drift[zone] or 0) - after
    after = 0
  end
  occupancy[zone] = after
  inside = inside + after - before
  touched[zone] = true
end
local function increments(gate, device, inTotal, outTotal, atMs)
  local field = gate .. '\\n' .. device
  local last = redis.call('HGET', totalsKey, field)
  local lastIn, lastOut, lastAt = 0, 0, nil
  if last then
    local a, b, c = string.match(last, '^([^|]*)|([^|]*)|(.*)$')
    lastIn, lastOut, lastAt = tonumber(a), tonumber(b), tonumber(c)
  end
  if lastAt and tonumber(atMs) < lastAt then return 0, 0 end
  redis.call('HSET', totalsKey, field, inTotal .. '|' .. outTotal .. '|' .. atMs)
  local function wrapped(before, total)
    return before >= ${WRAP_MODULUS - WRAP_WINDOW} and before < ${WRAP_MODULUS} and total < ${WRAP_WINDOW}
  end
  local inDrop, outDrop = inTotal < lastIn, outTotal < lastOut
  -- More than one report may carry (MAX_TOTALS_STEP): a new baseline, nothing added.
  local function capped(stepIn, stepOut)
    if stepIn > ${MAX_TOTALS_STEP} or stepOut > ${MAX_TOTALS_STEP} then return 0, 0 end
    return stepIn, stepOut
  end
  if (inDrop and not wrapped(lastIn, inTotal)) or (outDrop and not wrapped(lastOut, outTotal)) then return capped(inTotal, outTotal) end
  local inStep, outStep = inTotal - lastIn, outTotal - lastOut
  if inDrop then inStep = ${WRAP_MODULUS} - lastIn + inTotal end
  if outDrop then outStep = ${WRAP_MODULUS} - lastOut + outTotal end
  if last and inStep + outStep > ${JUMP_BASE} + ${JUMP_PER_SECOND} * math.max(0, tonumber(atMs) - lastAt) / 1000 then return 0, 0 end
  return capped(inStep, outStep)
end
local peakKey = p .. 'day:' .. today
local peak = tonumber(redis.call('HGET', peakKey, 'peakInside') or '-1')
local peakRaised = false
-- Per report only table updates: flows are summed per day, gate and hour, roll-up maxima of today
-- kept as plain numbers, and everything is written once at the end of the batch.
local flows = {}
-- Crossings per gate this batch, for the minute hash of the flow figures (issue 18).
local minuteIn, minuteOut = {}, {}
local hourPeaks, zonePeaks = {}, {}
local dayPeak, dayPeakAt = -1, nil
local accepted, duplicates, logged = 0, 0, {}
for i = 8, #ARGV, 12 do
  if fresh[(i - 8) / 12 + 1] then
    local gate, from, to = ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
    local inCount, outCount, day = tonumber(ARGV[i + 4]), tonumber(ARGV[i + 5]), ARGV[i + 7]
    local device, hour = ARGV[i + 8], ARGV[i + 10]
    accepted = accepted + 1
    if device ~= '' then inCount, outCount = increments(gate, device, inCount, outCount, ARGV[i + 9]) end
    minuteIn[gate] = (minuteIn[gate] or 0) + inCount
    minuteOut[gate] = (minuteOut[gate] or 0) + outCount
    local net = inCount - outCount
    move(to, net)
    move(from, -net)
    local entries, exits = 0, 0
    if from == '' then entries = inCount; exits = outCount end
    if to == '' then entries = entries + outCount; exits = exits + inCount end
    local byGate = flows[day]
    if not byGate then byGate = {}; flows[day] = byGate end
    local byHour = byGate[gate]
    if not byHour then byHour = {}; byGate[gate] = byHour end
    local sum = byHour[hour]
    if not sum then sum = { 0, 0, 0, 0 }; byHour[hour] = sum end
    sum[1], sum[2], sum[3], sum[4] = sum[1] + inCount, sum[2] + outCount, sum[3] + entries, sum[4] + exits
    if inside > peak then
      peak = inside
      peakRaised = true
    end
    -- Peaks only from reports of the current day: for them inside describes their time.
    if day == today then
      if inside > (hourPeaks[hour] or -1) then hourPeaks[hour] = inside end
      if inside > dayPeak then dayPeak, dayPeakAt = inside, ARGV[i + 6] end
      if to ~= '' and occupancy[to] > (zonePeaks[to] or 0) then zonePeaks[to] = occupancy[to] end
      if from ~= '' and occupancy[from] > (zonePeaks[from] or 0) then zonePeaks[from] = occupancy[from] end
    end
    logged[#logged + 1] = ARGV[i + 11]
  else
    duplicates = duplicates + 1
  end
end
if accepted > 0 then
  remember()
  local function hincr(key, field, n)
    if n ~= 0 then redis.call('HINCRBY', key, field, n) end
  end
  -- One HSET per hash, with every field it changes.
  local function hsetAll(key, values)
    local args = {}
    for field, value in pairs(values) do args[#args + 1] = field; args[#args + 1] = value end
    if #args > 0 then redis.call('HSET', key, unpack(args)) end
  end
  local days = {}
  for day, byGate in pairs(flows) do
    days[#days + 1] = day
    local gatesKey, rollKey = p .. 'gates:' .. day, p .. 'roll:' .. day
    local dayEntries, dayExits, hourEntries, hourExits = 0, 0, {}, {}
    for gate, byHour in pairs(byGate) do
      local gateIn, gateOut = 0, 0
      for hour, sum in pairs(byHour) do
        gateIn, gateOut = gateIn + sum[1], gateOut + sum[2]
        dayEntries, dayExits = dayEntries + sum[3], dayExits + sum[4]
        hourEntries[hour] = (hourEntries[hour] or 0) + sum[3]
        hourExits[hour] = (hourExits[hour] or 0) + sum[4]
      end
      hincr(gatesKey, gate .. ':in', gateIn)
      hincr(gatesKey, gate .. ':out', gateOut)
    end
    hincr(p .. 'day:' .. day, 'entries', dayEntries)
    hincr(p .. 'day:' .. day, 'exits', dayExits)
    for hour, n in pairs(hourEntries) do hincr(rollKey, 'e:' .. hour, n) end
    for hour, n in pairs(hourExits) do hincr(rollKey, 'x:' .. hour, n) end
  end
  redis.call('SADD', p .. 'roll-days', unpack(days))
  -- Today's roll-up maxima: raised where this batch went higher than what is stored.
  if dayPeak >= 0 then
    local rollKey, fields, values = p .. 'roll:' .. today, { 'peak' }, {}
    for hour in pairs(hourPeaks) do fields[#fields + 1] = 'p:' .. hour end
    for zone in pairs(zonePeaks) do fields[#fields + 1] = 'z:' .. zone end
    local stored = redis.call('HMGET', rollKey, unpack(fields))
    local function raise(j, field, value)
      if value > tonumber(stored[j] or '-1') then values[field] = value; return true end
      return false
    end
    if raise(1, 'peak', dayPeak) then values.peakAt = dayPeakAt end
    local j = 1
    for hour, value in pairs(hourPeaks) do j = j + 1; raise(j, 'p:' .. hour, value) end
    for zone, value in pairs(zonePeaks) do j = j + 1; raise(j, 'z:' .. zone, value) end
    hsetAll(rollKey, values)
  end
  local lastReports = {}
  for _, byGate in pairs(flows) do
    for gate in pairs(byGate) do lastReports[gate] = nowMs end
  end
  hsetAll(p .. 'gate-last-report', lastReports)
  -- Crossings per minute in a ring of 8 hashes (a minute's slot is emptied when it comes round), so the
  -- keys stay 8 whatever the clock does; '_minute' says which minute a slot holds.
  local minute = math.floor(tonumber(nowMs) / 60000)
  local minuteKey = p .. 'gate-minute:' .. (minute % 8)
  local held = tonumber(redis.call('HGET', minuteKey, '_minute') or '-1')
  if held < minute then
    redis.call('DEL', minuteKey)
    redis.call('HSET', minuteKey, '_minute', tostring(minute))
  end
  -- A batch dated 8 or more minutes before the slot's minute (a clock far behind) is too old for any window.
  if held <= minute then
    for gate, n in pairs(minuteIn) do hincr(minuteKey, gate .. ':in', n) end
    for gate, n in pairs(minuteOut) do hincr(minuteKey, gate .. ':out', n) end
  end
  if peakRaised then redis.call('HSET', peakKey, 'peakInside', peak, 'peakAt', nowIso) end
  local zones = {}
  for zone in pairs(touched) do zones[zone] = occupancy[zone] end
  hsetAll(zonesKey, zones)
  for zone, dropped in pairs(drift) do redis.call('HINCRBY', p .. 'zone-drift', zone, dropped) end
  local logId = appendLog(p .. 'log', logMax, nowMs, 'type', 'counts', 'at', nowIso, 'items', '[' .. table.concat(logged, ',') .. ']')
  redis.call('PUBLISH', p .. 'changes', '{"kind":"floor","logId":"' .. logId .. '"}')
end
return { accepted, duplicates }
`;

/**
 * ARGV: prefix, nowMs, logMaxLen, recentWindowMs, idBuckets, idExpireMs, nowIso,
 * then 7 per check-in: id, stand, badge ('' = none), at, atMs, day, hour (venue-local 0-23). See checkinsScriptArgs.
 */
export const INGEST_CHECKINS = `${APPEND_LOG}local p, nowMs, logMax, windowMs, nowIso = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4]), ARGV[7]
${idempotency('checkin', 7)}
local accepted, duplicates, items = 0, 0, {}
for i = 8, #ARGV, 7 do
  local id, stand, badge, at, atMs, day = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3], tonumber(ARGV[i + 4]), ARGV[i + 5]
  local hour = ARGV[i + 6]
  if fresh[(i - 8) / 7 + 1] then
    accepted = accepted + 1
    redis.call('HINCRBY', p .. 'stands:' .. day, stand, 1)
    local rollKey = p .. 'roll:' .. day
    redis.call('HINCRBY', rollKey, 'c:' .. hour, 1)
    redis.call('HINCRBY', rollKey, 's:' .. stand .. ':' .. hour, 1)
    redis.call('SADD', p .. 'roll-days', day)
    if atMs > nowMs - windowMs then
      redis.call('ZADD', p .. 'recent-checkins', atMs, stand .. '\\n' .. atMs .. '\\n' .. id)
    end
    if badge ~= '' then
      redis.call('PFADD', p .. 'badges:' .. day, badge)
      -- A repeat (domain/stand-scans.ts): the same badge at the same stand within the window.
      local seenKey, seenField = p .. 'badge-seen:' .. day, stand .. '\\n' .. badge
      local last = tonumber(redis.call('HGET', seenKey, seenField) or '')
      if last == nil or atMs > last then redis.call('HSET', seenKey, seenField, ARGV[i + 4]) end
      redis.call('PEXPIRE', seenKey, ${BADGE_SIGHTINGS_KEPT_MS})
      if last ~= nil and math.abs(atMs - last) < ${REPEAT_SCAN_WINDOW_MS} then redis.call('HINCRBY', p .. 'stand-repeats:' .. day, stand, 1) end
    end
    local item = { id = id, stand = stand, at = at }
    if badge ~= '' then item.badge = badge end
    items[#items + 1] = item
  else
    duplicates = duplicates + 1
  end
end
if accepted > 0 then
  remember()
  local logId = appendLog(p .. 'log', logMax, ARGV[2], 'type', 'checkins', 'at', nowIso, 'items', cjson.encode(items))
  redis.call('PUBLISH', p .. 'changes', '{"kind":"floor","logId":"' .. logId .. '"}')
end
return { accepted, duplicates }
`;

/** What the ingest scripts need besides the batch. */
export interface IngestScriptOptions {
  prefix: string;
  idTtlSeconds: number;
  logMaxEntries: number;
}

/** ARGV[5] and ARGV[6] of the ingest scripts: the live id buckets and how long the newest must last. */
function idArgs(nowMs: number, idTtlSeconds: number): [string, string] {
  const ttlMs = idTtlSeconds * 1000;
  const width = bucketWidthMs(ttlMs);
  const buckets = liveBuckets(nowMs, width, ttlMs);
  return [buckets.join(','), String(Math.ceil(bucketExpiresAtMs(buckets[0]!, width, ttlMs) - nowMs))];
}

function hourOf(item: { hour?: number | undefined; atMs: number }): string {
  return String(item.hour ?? new Date(item.atMs).getUTCHours());
}

/** The arguments of INGEST_COUNTS for a batch (the Redis store and the benchmark use this). */
export function countsScriptArgs(batch: readonly PreparedCount[], context: ApplyContext, options: IngestScriptOptions): string[] {
  const args = [options.prefix, String(context.nowMs), context.nowIso, context.today, ...idArgs(context.nowMs, options.idTtlSeconds), String(options.logMaxEntries)];
  for (const r of batch) {
    args.push(r.id, r.gate, r.line.from ?? '', r.line.to ?? '', String(r.in), String(r.out), r.at, r.day, r.device ?? '', String(r.atMs), hourOf(r), JSON.stringify(loggedCountOf(r)));
  }
  return args;
}

/** The arguments of INGEST_CHECKINS for a batch. */
export function checkinsScriptArgs(batch: readonly PreparedCheckin[], context: ApplyContext, options: IngestScriptOptions & { recentWindowMs: number }): string[] {
  const args = [options.prefix, String(context.nowMs), String(options.logMaxEntries), String(options.recentWindowMs), ...idArgs(context.nowMs, options.idTtlSeconds), context.nowIso];
  for (const c of batch) args.push(c.id, c.stand, c.badge ?? '', c.at, String(c.atMs), c.day, hourOf(c));
  return args;
}

/**
 * ARGV: prefix, id, incidentJson, fingerprint, state ("status|resolvedAt"), logMaxLen, nowIso, nowMs.
 * Returns nil when created, else { existingJson, existingFingerprint }.
 */
export const CREATE_INCIDENT = `${APPEND_LOG}local p, id, json = ARGV[1], ARGV[2], ARGV[3]
local existing = redis.call('HGET', p .. 'incidents', id)
if existing then return { existing, redis.call('HGET', p .. 'incident-fingerprints', id) } end
redis.call('HSET', p .. 'incidents', id, json)
redis.call('HSET', p .. 'incident-fingerprints', id, ARGV[4])
redis.call('HSET', p .. 'incident-states', id, ARGV[5])
local logId = appendLog(p .. 'log', ARGV[6], ARGV[8], 'type', 'incident', 'at', ARGV[7], 'incident', json)
redis.call('PUBLISH', p .. 'changes', '{"kind":"incident","logId":"' .. logId .. '","incident":' .. json .. '}')
return nil
`;

/**
 * Compare and set. ARGV: prefix, id, expectedJson, nextJson, state, logMaxLen, nowIso, nowMs,
 * headJson (the incident without its history), stepJson (the step added), steps (history length after).
 * The log entry and the change message carry the step and the head, not the whole incident: an
 * incident's history is stored once (in the incidents hash), so memory grows linearly with its steps.
 * Returns 1 when replaced, 0 when the incident changed meanwhile.
 */
export const REPLACE_INCIDENT = `${APPEND_LOG}local p, id = ARGV[1], ARGV[2]
if redis.call('HGET', p .. 'incidents', id) ~= ARGV[3] then return 0 end
redis.call('HSET', p .. 'incidents', id, ARGV[4])
redis.call('HSET', p .. 'incident-states', id, ARGV[5])
local logId = appendLog(p .. 'log', ARGV[6], ARGV[8], 'type', 'incident-step', 'at', ARGV[7], 'head', ARGV[9], 'step', ARGV[10])
redis.call('PUBLISH', p .. 'changes', '{"kind":"incident","logId":"' .. logId .. '","steps":' .. ARGV[11] .. ',"head":' .. ARGV[9] .. '}')
return 1
`;
