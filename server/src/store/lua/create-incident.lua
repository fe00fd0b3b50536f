-- Stores a new incident unless its id exists. ARGV[1]: { prefix, id, incident (JSON text), fingerprint,
-- state ("status|resolvedAt"), logMax, nowIso, nowMs }.
-- Returns nil when created, else { existingJson, existingFingerprint }.
local h = namedArgs()
local p = h.prefix
local existing = redis.call('HGET', p .. 'incidents', h.id)
if existing then return { existing, redis.call('HGET', p .. 'incident-fingerprints', h.id) } end
redis.call('HSET', p .. 'incidents', h.id, h.incident)
redis.call('HSET', p .. 'incident-fingerprints', h.id, h.fingerprint)
redis.call('HSET', p .. 'incident-states', h.id, h.state)
local logId = appendLog(p .. 'log', h.logMax, h.nowMs, 'type', 'incident', 'at', h.nowIso, 'incident', h.incident)
redis.call('PUBLISH', p .. 'changes', '{"kind":"incident","logId":"' .. logId .. '","incident":' .. h.incident .. '}')
return nil
