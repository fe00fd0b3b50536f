-- Appends to the durable log with the entry id dated by the server's clock (`ms`), as the embedded
-- store's log is: a log of one clock, whatever Redis's says. Should that clock be behind the newest
-- entry (another instance's clock, a clock set back), the entry goes right after it. Needs Redis 7
-- (`<ms>-*` ids). Shared: loaded in front of every script that writes the log.
local function appendLog(key, logMax, ms, ...)
  local id = redis.pcall('XADD', key, 'MAXLEN', '~', logMax, ms .. '-*', ...)
  if type(id) == 'table' and id.err then
    local newest = redis.call('XREVRANGE', key, '+', '-', 'COUNT', 1)[1]
    id = redis.call('XADD', key, 'MAXLEN', '~', logMax, string.match(newest[1], '^%d+') .. '-*', ...)
  end
  return id
end
