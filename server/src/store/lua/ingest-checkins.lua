-- A batch of check-ins, atomically, with the rules of the embedded store (stand-scans.ts for repeats).
-- ARGV[1]: { prefix, nowMs, nowIso, idBuckets, idExpireMs, logMax, recentWindowMs, badgeSightingsKeptMs,
-- repeatWindowMs, fields } (checkinsScriptArgs), then one stride of #fields arguments per check-in.
-- Returns { accepted, duplicates }.
local h = namedArgs()
local p, nowIso, logMax = h.prefix, h.nowIso, h.logMax
local nowMs = tonumber(h.nowMs)
local stride = #h.fields
local ID, STAND, BADGE, AT, AT_MS, DAY, HOUR = fieldOffsets(h.fields, { 'id', 'stand', 'badge', 'at', 'atMs', 'day', 'hour' })
local fresh, remember = reportIds(p, 'checkin', h.idBuckets, h.idExpireMs, 2 + ID, stride)
local accepted, duplicates, items = 0, 0, {}
for i = 2, #ARGV, stride do
  local id, stand, badge, at, atMs, day = ARGV[i + ID], ARGV[i + STAND], ARGV[i + BADGE], ARGV[i + AT], tonumber(ARGV[i + AT_MS]), ARGV[i + DAY]
  local hour = ARGV[i + HOUR]
  if fresh[(i - 2) / stride + 1] then
    accepted = accepted + 1
    redis.call('HINCRBY', p .. 'stands:' .. day, stand, 1)
    local rollKey = p .. 'roll:' .. day
    redis.call('HINCRBY', rollKey, 'c:' .. hour, 1)
    redis.call('HINCRBY', rollKey, 's:' .. stand .. ':' .. hour, 1)
    redis.call('SADD', p .. 'roll-days', day)
    if atMs > nowMs - h.recentWindowMs then
      redis.call('ZADD', p .. 'recent-checkins', atMs, stand .. '\n' .. ARGV[i + AT_MS] .. '\n' .. id)
    end
    if badge ~= '' then
      redis.call('PFADD', p .. 'badges:' .. day, badge)
      -- A repeat (domain/stand-scans.ts): the same badge at the same stand within the window.
      local seenKey, seenField = p .. 'badge-seen:' .. day, stand .. '\n' .. badge
      local last = tonumber(redis.call('HGET', seenKey, seenField) or '')
      if last == nil or atMs > last then redis.call('HSET', seenKey, seenField, ARGV[i + AT_MS]) end
      redis.call('PEXPIRE', seenKey, h.badgeSightingsKeptMs)
      if last ~= nil and math.abs(atMs - last) < h.repeatWindowMs then redis.call('HINCRBY', p .. 'stand-repeats:' .. day, stand, 1) end
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
  local logId = appendLog(p .. 'log', logMax, h.nowMs, 'type', 'checkins', 'at', nowIso, 'items', cjson.encode(items))
  redis.call('PUBLISH', p .. 'changes', '{"kind":"floor","logId":"' .. logId .. '"}')
end
return { accepted, duplicates }
