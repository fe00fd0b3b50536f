-- A batch of count reports, atomically: idempotency by id, the floor figures, the roll-ups, the log
-- entry and the change notification. The rules are domain/floor-counters.ts, running-totals.ts and
-- rollups.ts (the embedded store); the store contract suite and the rules fuzz test run both.
-- ARGV[1]: { prefix, nowMs, nowIso, today, idBuckets, idExpireMs, logMax, rules, fields }
-- (countsScriptArgs), then one stride of #fields arguments per report. With a device, in and out are
-- running totals. Returns { accepted, duplicates }. Lua time per report was most of Redis's time per
-- batch, so what runs per report is kept to table updates: keys and fields are built once per batch,
-- sums and maxima are written once at its end, and the log entry is joined from the JSON the server made.
local h = namedArgs()
local p, nowMs, nowIso, today, logMax, rules = h.prefix, h.nowMs, h.nowIso, h.today, h.logMax, h.rules
local stride = #h.fields
local ID, GATE, FROM, TO, IN, OUT, AT, DAY, DEVICE, AT_MS, HOUR, LOGGED =
  fieldOffsets(h.fields, { 'id', 'gate', 'from', 'to', 'in', 'out', 'at', 'day', 'device', 'atMs', 'hour', 'logged' })
local fresh, remember = reportIds(p, 'count', h.idBuckets, h.idExpireMs, 2 + ID, stride)
local WRAP_MODULUS, WRAP_WINDOW, MAX_STEP = rules.wrapModulus, rules.wrapWindow, rules.maxStep
local JUMP_BASE, JUMP_PER_SECOND = rules.jumpBase, rules.jumpPerSecond

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
local function wrapped(before, total)
  return before >= WRAP_MODULUS - WRAP_WINDOW and before < WRAP_MODULUS and total < WRAP_WINDOW
end
-- More than one report may carry (MAX_TOTALS_STEP): a new baseline, nothing added.
local function capped(stepIn, stepOut)
  if stepIn > MAX_STEP or stepOut > MAX_STEP then return 0, 0 end
  return stepIn, stepOut
end
-- Running totals to increments (domain/running-totals.ts, stepTotals).
local function increments(gate, device, inTotal, outTotal, atMs)
  local field = gate .. '\n' .. device
  local last = redis.call('HGET', totalsKey, field)
  local lastIn, lastOut, lastAt = 0, 0, nil
  if last then
    local a, b, c = string.match(last, '^([^|]*)|([^|]*)|(.*)$')
    lastIn, lastOut, lastAt = tonumber(a), tonumber(b), tonumber(c)
  end
  if lastAt and tonumber(atMs) < lastAt then return 0, 0 end
  redis.call('HSET', totalsKey, field, inTotal .. '|' .. outTotal .. '|' .. atMs)
  local inDrop, outDrop = inTotal < lastIn, outTotal < lastOut
  if (inDrop and not wrapped(lastIn, inTotal)) or (outDrop and not wrapped(lastOut, outTotal)) then return capped(inTotal, outTotal) end
  local inStep, outStep = inTotal - lastIn, outTotal - lastOut
  if inDrop then inStep = WRAP_MODULUS - lastIn + inTotal end
  if outDrop then outStep = WRAP_MODULUS - lastOut + outTotal end
  if last and inStep + outStep > JUMP_BASE + JUMP_PER_SECOND * math.max(0, tonumber(atMs) - lastAt) / 1000 then return 0, 0 end
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
-- Peaks once every report of an instant (the same atMs, consecutive) is applied (issue 15): between two
-- gates' reports of one instant the floor passes through occupancies that never were. The instant
-- held: its atMs, hour and at, and the zones its reports touched (one list reused, not a table each).
-- As InstantPeaks in domain/floor-counters.ts.
local heldAtMs, heldHour, heldAt, heldZones, heldCount = nil, nil, nil, {}, 0
local function settle()
  if heldAtMs == nil then return end
  if inside > peak then
    peak = inside
    peakRaised = true
  end
  if inside > (hourPeaks[heldHour] or -1) then hourPeaks[heldHour] = inside end
  if inside > dayPeak then dayPeak, dayPeakAt = inside, heldAt end
  for k = 1, heldCount do
    local zone = heldZones[k]
    if occupancy[zone] > (zonePeaks[zone] or 0) then zonePeaks[zone] = occupancy[zone] end
  end
  heldAtMs, heldCount = nil, 0
end
for i = 2, #ARGV, stride do
  if fresh[(i - 2) / stride + 1] then
    if ARGV[i + AT_MS] ~= heldAtMs then settle() end
    local gate, from, to = ARGV[i + GATE], ARGV[i + FROM], ARGV[i + TO]
    local inCount, outCount, day = tonumber(ARGV[i + IN]), tonumber(ARGV[i + OUT]), ARGV[i + DAY]
    local device, hour = ARGV[i + DEVICE], ARGV[i + HOUR]
    accepted = accepted + 1
    if device ~= '' then inCount, outCount = increments(gate, device, inCount, outCount, ARGV[i + AT_MS]) end
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
    -- Peaks only from reports of the current day: for them inside describes their time.
    if day == today then
      heldAtMs, heldHour, heldAt = ARGV[i + AT_MS], hour, ARGV[i + AT]
      if to ~= '' then heldCount = heldCount + 1; heldZones[heldCount] = to end
      if from ~= '' then heldCount = heldCount + 1; heldZones[heldCount] = from end
    end
    logged[#logged + 1] = ARGV[i + LOGGED]
  else
    duplicates = duplicates + 1
  end
end
settle()
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
