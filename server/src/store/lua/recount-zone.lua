-- A head count of a zone (domain/recount.ts): sets its occupancy, forgets its drift, raises today's
-- peak if `inside` exceeds it. ARGV[1]: { prefix, zone, count, nowIso, today, logMax, by, note
-- ('' = none), nowMs }. Returns the occupancy before.
local h = namedArgs()
local p, zone, count = h.prefix, h.zone, h.count
local zonesKey = p .. 'zones'
local before = tonumber(redis.call('HGET', zonesKey, zone) or '0')
redis.call('HSET', zonesKey, zone, count)
redis.call('HDEL', p .. 'zone-drift', zone)
local inside = 0
local flat = redis.call('HGETALL', zonesKey)
for i = 2, #flat, 2 do inside = inside + tonumber(flat[i]) end
local peakKey = p .. 'day:' .. h.today
local peak = tonumber(redis.call('HGET', peakKey, 'peakInside') or '-1')
if inside > peak then redis.call('HSET', peakKey, 'peakInside', inside, 'peakAt', h.nowIso) end
local fields = { 'type', 'recount', 'at', h.nowIso, 'zone', zone, 'count', tostring(count), 'before', tostring(before), 'by', h.by }
if h.note ~= '' then fields[#fields + 1] = 'note'; fields[#fields + 1] = h.note end
local logId = appendLog(p .. 'log', h.logMax, h.nowMs, unpack(fields))
redis.call('PUBLISH', p .. 'changes', '{"kind":"floor","logId":"' .. logId .. '"}')
return before
