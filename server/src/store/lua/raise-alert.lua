-- Stores an alert unless one is active under its condition key. ARGV[1]: { prefix, id, alert (JSON
-- text), key, logMax, nowIso, nowMs }. Returns nil when raised, else the active one's JSON.
local h = namedArgs()
local p = h.prefix
local activeId = redis.call('HGET', p .. 'alerts-active', h.key)
if activeId then
  local existing = redis.call('HGET', p .. 'alerts', activeId)
  if existing then return existing end
end
redis.call('HSET', p .. 'alerts', h.id, h.alert)
redis.call('HSET', p .. 'alerts-active', h.key, h.id)
local logId = appendLog(p .. 'log', h.logMax, h.nowMs, 'type', 'alert', 'at', h.nowIso, 'alert', h.alert)
redis.call('PUBLISH', p .. 'changes', '{"kind":"alert","change":"raised","logId":"' .. logId .. '","alert":' .. h.alert .. '}')
return nil
