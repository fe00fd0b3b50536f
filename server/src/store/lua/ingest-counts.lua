-- A batch of count reports, atomically: idempotency by id, the floor figures, the roll-ups, the log
-- entry and the change notification. The rules are domain/floor-counters.ts, running-totals.ts and
-- rollups.ts (the embedded store); the store contract suite and the rules fuzz test run both.
-- ARGV[1]: { prefix, nowMs, nowIso, today, idBuckets, idExpireMs, logMax, rules, cells, fields }
-- (countsScriptArgs), then one stride of #fields arguments per report. With a device, in and out are
-- running totals. Returns { accepted, duplicates }. Lua time per report was most of Redis's time per
-- batch, so what runs per report is kept to table updates: keys and fields are built once per batch,
-- what reports share (gate, line, day, hour, device: a cell) is sent once, sums are kept per cell and
-- maxima as plain numbers and written once at the end, and the log entry is joined from the JSON the
-- server made.
local h = namedArgs()
local argv, call = ARGV, redis.call
local p, nowMs, nowIso, today, logMax, rules = h.prefix, h.nowMs, h.nowIso, h.today, h.logMax, h.rules
local stride = #h.fields
local ID, CELL, IN, OUT, AT, AT_MS, LOGGED = fieldOffsets(h.fields, { 'id', 'cell', 'in', 'out', 'at', 'atMs', 'logged' })
-- What reports of a batch share is sent once: each report names its cell, { gate, from, to, day, hour, device }.
local cells = h.cells
local fresh, remember = reportIds(p, 'count', h.idBuckets, h.idExpireMs, 2 + ID, stride)
local WRAP_MODULUS, WRAP_WINDOW, MAX_STEP = rules.wrapModulus, rules.wrapWindow, rules.maxStep
local JUMP_BASE, JUMP_PER_SECOND = rules.jumpBase, rules.jumpPerSecond

local zonesKey, totalsKey = p .. 'zones', p .. 'device-totals'
local occupancy, inside = {}, 0
local flat = call('HGETALL', zonesKey)
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
  local last = call('HGET', totalsKey, field)
  local lastIn, lastOut, lastAt = 0, 0, nil
  if last then
    local a, b, c = string.match(last, '^([^|]*)|([^|]*)|(.*)$')
    lastIn, lastOut, lastAt = tonumber(a), tonumber(b), tonumber(c)
  end
  if lastAt and tonumber(atMs) < lastAt then return 0, 0 end
  call('HSET', totalsKey, field, inTotal .. '|' .. outTotal .. '|' .. atMs)
  local inDrop, outDrop = inTotal < lastIn, outTotal < lastOut
  if (inDrop and not wrapped(lastIn, inTotal)) or (outDrop and not wrapped(lastOut, outTotal)) then return capped(inTotal, outTotal) end
  local inStep, outStep = inTotal - lastIn, outTotal - lastOut
  if inDrop then inStep = WRAP_MODULUS - lastIn + inTotal end
  if outDrop then outStep = WRAP_MODULUS - lastOut + outTotal end
  if last and inStep + outStep > JUMP_BASE + JUMP_PER_SECOND * math.max(0, tonumber(atMs) - lastAt) / 1000 then return 0, 0 end
  return capped(inStep, outStep)
end
local peakKey = p .. 'day:' .. today
local peak = tonumber(call('HGET', peakKey, 'peakInside') or '-1')
local peakRaised = false
-- Per report only table updates: flows are summed per cell, roll-up maxima of today kept as plain
-- numbers, and everything is written once at the end of the batch.
local sums = {}
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
local j = 0
for i = 2, #argv, stride do
  j = j + 1
  if fresh[j] then
    if argv[i + AT_MS] ~= heldAtMs then settle() end
    local key = argv[i + CELL]
    local cell = cells[key]
    local from, to, device = cell[2], cell[3], cell[6]
    local inCount, outCount = tonumber(argv[i + IN]), tonumber(argv[i + OUT])
    accepted = accepted + 1
    if device ~= '' then inCount, outCount = increments(cell[1], device, inCount, outCount, argv[i + AT_MS]) end
    local net = inCount - outCount
    move(to, net)
    move(from, -net)
    local entries, exits = 0, 0
    if from == '' then entries = inCount; exits = outCount end
    if to == '' then entries = entries + outCount; exits = exits + inCount end
    local sum = sums[key]
    if not sum then sum = { 0, 0, 0, 0 }; sums[key] = sum end
    sum[1], sum[2], sum[3], sum[4] = sum[1] + inCount, sum[2] + outCount, sum[3] + entries, sum[4] + exits
    -- Peaks only from reports of the current day: for them inside describes their time.
    if cell[4] == today then
      heldAtMs, heldHour, heldAt = argv[i + AT_MS], cell[5], argv[i + AT]
      if to ~= '' then heldCount = heldCount + 1; heldZones[heldCount] = to end
      if from ~= '' then heldCount = heldCount + 1; heldZones[heldCount] = from end
    end
    logged[accepted] = argv[i + LOGGED]
  else
    duplicates = duplicates + 1
  end
end
settle()
if accepted > 0 then
  remember()
  -- Adds to fields of a hash: one HMGET and one HSET for all its fields (a HINCRBY each was most of
  -- the script's Redis calls); fields left at 0 are not written, as HINCRBY by 0 was never sent.
  local function hincrAll(key, increments)
    local fields, n = {}, 0
    for field, by in pairs(increments) do
      if by ~= 0 then n = n + 1; fields[n] = field end
    end
    if n == 0 then return end
    if n == 1 then call('HINCRBY', key, fields[1], increments[fields[1]]); return end
    local stored, args = call('HMGET', key, unpack(fields)), {}
    for k = 1, n do
      local field, old = fields[k], stored[k]
      local value = old and tonumber(old)
      if old and not value then error('hash value is not an integer: ' .. key .. ' ' .. field) end
      args[2 * k - 1], args[2 * k] = field, (value or 0) + increments[field]
    end
    call('HSET', key, unpack(args))
  end
  -- One HSET per hash, with every field it changes.
  local function hsetAll(key, values)
    local args = {}
    for field, value in pairs(values) do args[#args + 1] = field; args[#args + 1] = value end
    if #args > 0 then call('HSET', key, unpack(args)) end
  end
  -- The cells' sums by day (gates, entries and exits, hours) and by gate (crossings this minute, issue 18).
  local flows, minuteIn, minuteOut = {}, {}, {}
  for key, sum in pairs(sums) do
    local cell = cells[key]
    local gate, day, hour = cell[1], cell[4], cell[5]
    local flow = flows[day]
    if not flow then flow = { gates = {}, entries = 0, exits = 0, hourEntries = {}, hourExits = {} }; flows[day] = flow end
    local byGate = flow.gates[gate]
    if not byGate then byGate = { 0, 0 }; flow.gates[gate] = byGate end
    byGate[1], byGate[2] = byGate[1] + sum[1], byGate[2] + sum[2]
    flow.entries, flow.exits = flow.entries + sum[3], flow.exits + sum[4]
    flow.hourEntries[hour] = (flow.hourEntries[hour] or 0) + sum[3]
    flow.hourExits[hour] = (flow.hourExits[hour] or 0) + sum[4]
    minuteIn[gate] = (minuteIn[gate] or 0) + sum[1]
    minuteOut[gate] = (minuteOut[gate] or 0) + sum[2]
  end
  local days = {}
  for day, flow in pairs(flows) do
    days[#days + 1] = day
    local gateCounts, rollCounts = {}, {}
    for gate, byGate in pairs(flow.gates) do
      gateCounts[gate .. ':in'], gateCounts[gate .. ':out'] = byGate[1], byGate[2]
    end
    hincrAll(p .. 'gates:' .. day, gateCounts)
    hincrAll(p .. 'day:' .. day, { entries = flow.entries, exits = flow.exits })
    for hour, n in pairs(flow.hourEntries) do rollCounts['e:' .. hour] = n end
    for hour, n in pairs(flow.hourExits) do rollCounts['x:' .. hour] = n end
    hincrAll(p .. 'roll:' .. day, rollCounts)
  end
  call('SADD', p .. 'roll-days', unpack(days))
  -- Today's roll-up maxima: raised where this batch went higher than what is stored.
  if dayPeak >= 0 then
    local rollKey, fields, values = p .. 'roll:' .. today, { 'peak' }, {}
    for hour in pairs(hourPeaks) do fields[#fields + 1] = 'p:' .. hour end
    for zone in pairs(zonePeaks) do fields[#fields + 1] = 'z:' .. zone end
    local stored = call('HMGET', rollKey, unpack(fields))
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
  for gate in pairs(minuteIn) do lastReports[gate] = nowMs end
  hsetAll(p .. 'gate-last-report', lastReports)
  -- Crossings per minute in a ring of 8 hashes (a minute's slot is emptied when it comes round), so the
  -- keys stay 8 whatever the clock does; '_minute' says which minute a slot holds.
  local minute = math.floor(tonumber(nowMs) / 60000)
  local minuteKey = p .. 'gate-minute:' .. (minute % 8)
  local held = tonumber(call('HGET', minuteKey, '_minute') or '-1')
  if held < minute then
    call('DEL', minuteKey)
    call('HSET', minuteKey, '_minute', tostring(minute))
  end
  -- A batch dated 8 or more minutes before the slot's minute (a clock far behind) is too old for any window.
  if held <= minute then
    local crossings = {}
    for gate, n in pairs(minuteIn) do crossings[gate .. ':in'] = n end
    for gate, n in pairs(minuteOut) do crossings[gate .. ':out'] = n end
    hincrAll(minuteKey, crossings)
  end
  if peakRaised then call('HSET', peakKey, 'peakInside', peak, 'peakAt', nowIso) end
  local zones = {}
  for zone in pairs(touched) do zones[zone] = occupancy[zone] end
  hsetAll(zonesKey, zones)
  hincrAll(p .. 'zone-drift', drift)
  local logId = appendLog(p .. 'log', logMax, nowMs, 'type', 'counts', 'at', nowIso, 'items', '[' .. table.concat(logged, ',') .. ']')
  call('PUBLISH', p .. 'changes', '{"kind":"floor","logId":"' .. logId .. '"}')
end
return { accepted, duplicates }
