-- The named arguments of a script: ARGV[1] is a JSON object (see redis-scripts.ts).
local function namedArgs()
  return cjson.decode(ARGV[1])
end

-- Where each named field of an item sits in its stride of ARGV, from the field list of the header:
-- a script asks for the names it reads, and fails loudly if the caller did not send one.
local function fieldOffsets(fields, wanted)
  local at = {}
  for i, name in ipairs(fields) do at[name] = i - 1 end
  local offsets = {}
  for i, name in ipairs(wanted) do
    offsets[i] = at[name]
    if offsets[i] == nil then error('missing item field ' .. name) end
  end
  return unpack(offsets)
end
