-- The floor state of a venue day in one atomic read (no write can fall between its parts), and the
-- check-ins too old for the 15-minute window dropped. ARGV[1]: { prefix, day, since (ms), minutes
-- (the minutes of recent crossings, newest first) }. Returns the raw replies in a fixed order (see
-- RedisStore.readFloor): zones, day figures, gates, last reports, stands, recent check-ins, incident
-- states, drift, repeats, closures, then one hash per minute.
local h = namedArgs()
local p, day = h.prefix, h.day
redis.call('ZREMRANGEBYSCORE', p .. 'recent-checkins', '-inf', h.since)
local replies = {
  redis.call('HGETALL', p .. 'zones'),
  redis.call('HGETALL', p .. 'day:' .. day),
  redis.call('HGETALL', p .. 'gates:' .. day),
  redis.call('HGETALL', p .. 'gate-last-report'),
  redis.call('HGETALL', p .. 'stands:' .. day),
  redis.call('ZRANGE', p .. 'recent-checkins', '(' .. h.since, '+inf', 'BYSCORE'),
  redis.call('HGETALL', p .. 'incident-states'),
  redis.call('HGETALL', p .. 'zone-drift'),
  redis.call('HGETALL', p .. 'stand-repeats:' .. day),
  redis.call('HGETALL', p .. 'gate-closures'),
}
for _, minute in ipairs(h.minutes) do replies[#replies + 1] = redis.call('HGETALL', p .. 'gate-minute:' .. (minute % 8)) end
return replies
