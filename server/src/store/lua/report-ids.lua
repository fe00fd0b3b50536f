-- Idempotency, shared by the ingest scripts: ids are remembered in one set per time bucket
-- (id-buckets.ts). `buckets` lists the live buckets, newest first; `expireMs` is how long the newest
-- must live from now. Items start at ARGV[first], `stride` arguments each, the id first. Returns
-- `fresh` (fresh[j]: the j-th item is new, also within the batch) and `remember()`, which adds the
-- new ids to the newest bucket once the batch is applied. One SMISMEMBER per live bucket and one SADD
-- per batch: a SET NX EX per report cost more than the rest of the script together. A bucket that
-- does not exist (yet, or any more) is skipped: one EXISTS instead of a SMISMEMBER of every id.
local function reportIds(p, kind, buckets, expireMs, first, stride)
  local idKeys = {}
  for _, bucket in ipairs(buckets) do idKeys[#idKeys + 1] = p .. 'ids:' .. kind .. ':' .. bucket end
  local ids, n, argv = {}, 0, ARGV
  for i = first, #argv, stride do n = n + 1; ids[n] = argv[i] end
  local fresh, newIds, inBatch = {}, {}, {}
  for j = 1, #ids do fresh[j] = true end
  if #ids > 0 then
    for _, key in ipairs(idKeys) do
      if redis.call('EXISTS', key) == 1 then
        local found = redis.call('SMISMEMBER', key, unpack(ids))
        for j = 1, #ids do if found[j] == 1 then fresh[j] = false end end
      end
    end
  end
  for j = 1, #ids do
    if fresh[j] then
      if inBatch[ids[j]] then fresh[j] = false else inBatch[ids[j]] = true; newIds[#newIds + 1] = ids[j] end
    end
  end
  local function remember()
    if #newIds == 0 then return end
    redis.call('SADD', idKeys[1], unpack(newIds))
    redis.call('PEXPIRE', idKeys[1], expireMs)
  end
  return fresh, remember
end
