-- Compare and set, by the stored JSON text. ARGV[1]: { prefix, id, expected, next (JSON texts), state,
-- logMax, nowIso, nowMs, head (the incident without its history), step (the step added), steps
-- (history length after) }. The log entry and the change message carry the step and the head, not the
-- whole incident: an incident's history is stored once (in the incidents hash), so memory grows
-- linearly with its steps. Returns 1 when replaced, 0 when the incident changed meanwhile.
local h = namedArgs()
local p = h.prefix
if redis.call('HGET', p .. 'incidents', h.id) ~= h.expected then return 0 end
redis.call('HSET', p .. 'incidents', h.id, h.next)
redis.call('HSET', p .. 'incident-states', h.id, h.state)
local logId = appendLog(p .. 'log', h.logMax, h.nowMs, 'type', 'incident-step', 'at', h.nowIso, 'head', h.head, 'step', h.step)
redis.call('PUBLISH', p .. 'changes', '{"kind":"incident","logId":"' .. logId .. '","steps":' .. h.steps .. ',"head":' .. h.head .. '}')
return 1
