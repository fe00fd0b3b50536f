-- Compare and set of an alert, by the stored JSON text. ARGV[1]: { prefix, id, expected, next (JSON
-- texts), releaseKey ('' = none), change, logMax, nowIso, nowMs }. Returns 1 when replaced, 0 when the
-- alert changed meanwhile.
local h = namedArgs()
local p = h.prefix
if redis.call('HGET', p .. 'alerts', h.id) ~= h.expected then return 0 end
redis.call('HSET', p .. 'alerts', h.id, h.next)
if h.releaseKey ~= '' and redis.call('HGET', p .. 'alerts-active', h.releaseKey) == h.id then redis.call('HDEL', p .. 'alerts-active', h.releaseKey) end
local logId = appendLog(p .. 'log', h.logMax, h.nowMs, 'type', 'alert', 'at', h.nowIso, 'alert', h.next)
redis.call('PUBLISH', p .. 'changes', '{"kind":"alert","change":"' .. h.change .. '","logId":"' .. logId .. '","alert":' .. h.next .. '}')
return 1
