/**
 * Lua scripts of the operations view (issue 3): a zone recount and the crowd-safety alerts. Like every
 * write of the Redis store, each one changes the data, appends to the durable log `{fw}:log` and
 * publishes on `{fw}:changes` atomically. The rules mirror domain/recount.ts and the embedded store.
 */

import { APPEND_LOG } from './redis-scripts.ts';

/**
 * ARGV: prefix, zone, count, nowIso, today, logMaxLen, by, note ('' = none), nowMs.
 * Sets the zone's occupancy, forgets its drift, raises today's peak if `inside` exceeds it.
 * Returns the occupancy before.
 */
export const RECOUNT_ZONE = `${APPEND_LOG}local p, zone, count, nowIso, today, logMax = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6]
local zonesKey = p .. 'zones'
local before = tonumber(redis.call('HGET', zonesKey, zone) or '0')
redis.call('HSET', zonesKey, zone, count)
redis.call('HDEL', p .. 'zone-drift', zone)
local inside = 0
local flat = redis.call('HGETALL', zonesKey)
for i = 2, #flat, 2 do inside = inside + tonumber(flat[i]) end
local peakKey = p .. 'day:' .. today
local peak = tonumber(redis.call('HGET', peakKey, 'peakInside') or '-1')
if inside > peak then redis.call('HSET', peakKey, 'peakInside', inside, 'peakAt', nowIso) end
local fields = { 'type', 'recount', 'at', nowIso, 'zone', zone, 'count', tostring(count), 'before', tostring(before), 'by', ARGV[7] }
if ARGV[8] ~= '' then fields[#fields + 1] = 'note'; fields[#fields + 1] = ARGV[8] end
local logId = appendLog(p .. 'log', logMax, ARGV[9], unpack(fields))
redis.call('PUBLISH', p .. 'changes', '{"kind":"floor","logId":"' .. logId .. '"}')
return before
`;

/**
 * ARGV: prefix, id, alertJson, key, logMaxLen, nowIso, nowMs.
 * Stores the alert unless one is active under key; returns nil when raised, else the active one's JSON.
 */
export const RAISE_ALERT = `${APPEND_LOG}local p, id, json, key = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local activeId = redis.call('HGET', p .. 'alerts-active', key)
if activeId then
  local existing = redis.call('HGET', p .. 'alerts', activeId)
  if existing then return existing end
end
redis.call('HSET', p .. 'alerts', id, json)
redis.call('HSET', p .. 'alerts-active', key, id)
local logId = appendLog(p .. 'log', ARGV[5], ARGV[7], 'type', 'alert', 'at', ARGV[6], 'alert', json)
redis.call('PUBLISH', p .. 'changes', '{"kind":"alert","change":"raised","logId":"' .. logId .. '","alert":' .. json .. '}')
return nil
`;

/**
 * Compare and set. ARGV: prefix, id, expectedJson, nextJson, releaseKey ('' = none), change, logMaxLen, nowIso, nowMs.
 * Returns 1 when replaced, 0 when the alert changed meanwhile.
 */
export const REPLACE_ALERT = `${APPEND_LOG}local p, id = ARGV[1], ARGV[2]
if redis.call('HGET', p .. 'alerts', id) ~= ARGV[3] then return 0 end
redis.call('HSET', p .. 'alerts', id, ARGV[4])
if ARGV[5] ~= '' and redis.call('HGET', p .. 'alerts-active', ARGV[5]) == id then redis.call('HDEL', p .. 'alerts-active', ARGV[5]) end
local logId = appendLog(p .. 'log', ARGV[7], ARGV[9], 'type', 'alert', 'at', ARGV[8], 'alert', ARGV[4])
redis.call('PUBLISH', p .. 'changes', '{"kind":"alert","change":"' .. ARGV[6] .. '","logId":"' .. logId .. '","alert":' .. ARGV[4] .. '}')
return 1
`;
