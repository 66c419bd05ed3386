-- Apply one state's batch atomically: the register writes, their change-log entries and the
-- boards, in one script, so a reader never sees a number without its change and a replay never
-- logs a change twice. Applies the rules streams/counting.py owns (wins, item_change,
-- derived_changes, board_change) as streams/state_log.py does in Python; the keys and the
-- payload come from streams/writes.py.
--
-- KEYS: epoch, changes, applied, contests, then per contest: board, seats, reported, versions,
--       derived.
-- ARGV[1]: "apply" | "rebuild" | "zero";  ARGV[2]: the payload JSON.
-- Returns {"ok", i...} (indices of the items that won, for the feed), {"rebuild"} when Redis
-- lost a state the worker has, {"rebuilt"}, or {"zero", 0|1}.

local op = ARGV[1]
local p = cjson.decode(ARGV[2])
local EPOCH, CHANGES, APPLIED, CONTESTS = KEYS[1], KEYS[2], KEYS[3], KEYS[4]

local function contest_keys(i)
  local base = 4 + (i - 1) * 5
  return KEYS[base + 1], KEYS[base + 2], KEYS[base + 3], KEYS[base + 4], KEYS[base + 5]
end

-- a sorts after b, byte by byte: string "<" would follow the server's locale.
local function after(a, b)
  if not b then return true end
  local n = math.min(#a, #b)
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x > y end
  end
  return #a > #b
end

local function log(change)
  redis.call('XADD', CHANGES, 'MAXLEN', '~', p.changes_maxlen, '*', 'c', cjson.encode(change))
end

local SEAT_CONTENT = {'constituency', 'ac_no', 'leader', 'party', 'margin', 'votes', 'round',
                      'total_rounds', 'status', 'runner_up', 'runner_up_party'}

local function item_change(contest, it, old_json)
  local new = cjson.decode(it.j)
  if it.kind == 'seat' then
    local old = nil
    if old_json then
      old = cjson.decode(old_json)
      local moved = false
      for _, f in ipairs(SEAT_CONTENT) do
        if old[f] ~= new[f] then moved = true end
      end
      if not moved then return nil end
    end
    return {contest = contest, scope = 'seat', key = it.name, old = old, new = new,
            event_id = it.event_id, event_time = it.event_time}
  end
  local old_seats = nil
  if old_json then old_seats = cjson.decode(old_json).seats end
  if old_seats == new.seats then return nil end
  local change = {contest = contest, scope = 'reported', key = new.line, field = new.status,
                  new = new.seats, event_id = it.event_id, event_time = it.event_time}
  if old_seats then
    change.old = old_seats
    change.note = old_seats .. ' → ' .. new.seats .. it.note
    if new.status == 'won' and new.seats < old_seats then change.correction = true end
  else
    change.note = new.seats .. it.note
  end
  return change
end

local function split_derived(name)
  return string.match(name, '^([^|]*)|(.*)|([^|]*)$')
end

local function write_derived(contest, key, new)
  local flat = redis.call('HGETALL', key)
  local old = {}
  for i = 1, #flat, 2 do old[flat[i]] = flat[i + 1] end
  local names = {}
  for name in pairs(old) do names[#names + 1] = name end
  for name in pairs(new) do
    if old[name] == nil then names[#names + 1] = name end
  end
  table.sort(names, function(a, b) return after(b, a) end)
  for _, name in ipairs(names) do
    local scope, k, field = split_derived(name)
    if scope == 'party' or scope == 'alliance' then
      local before, now = tonumber(old[name]) or 0, tonumber(new[name]) or 0
      if before ~= now then
        local change = {contest = contest, scope = scope, key = k, field = field,
                        old = before, new = now}
        if field == 'won' and now < before then change.correction = true end
        log(change)
      end
    else
      local was, now = old[name], new[name]
      if now ~= nil then now = tostring(now) end
      if was ~= now then
        log({contest = contest, scope = scope, key = k, field = field, old = was, new = now})
      end
    end
  end
  redis.call('DEL', key)
  local args = {}
  for name, value in pairs(new) do
    args[#args + 1] = name
    args[#args + 1] = tostring(value)
  end
  if #args > 0 then redis.call('HSET', key, unpack(args)) end
end

-- The whole board, and a change stating it when it moved: readers replace their copy and
-- compute nothing (counting.board_change).
local function write_board(key, c)
  if redis.call('GET', key) ~= c.board then
    redis.call('XADD', CHANGES, 'MAXLEN', '~', p.changes_maxlen, '*', 'c', c.board_change)
  end
  redis.call('SET', key, c.board)
end

local function applied_offset()
  return tonumber(redis.call('HGET', APPLIED, tostring(p.partition)) or '-1')
end

if op == 'apply' then
  if redis.call('EXISTS', EPOCH) == 0 then
    if p.prev >= 0 then return {'rebuild'} end
    redis.call('SET', EPOCH, p.epoch)
  end
  local accepted = {'ok'}
  for i, it in ipairs(p.items) do
    local contest = p.contests[it.c].code
    local _, SEATS, REPORTED, VERSIONS = contest_keys(it.c)
    if after(it.v, redis.call('HGET', VERSIONS, it.f)) then
      local hash = REPORTED
      if it.kind == 'seat' then hash = SEATS end
      local old = redis.call('HGET', hash, it.name)
      redis.call('HSET', VERSIONS, it.f, it.v)
      redis.call('HSET', hash, it.name, it.j)
      local change = item_change(contest, it, old or nil)
      if change then log(change) end
      accepted[#accepted + 1] = i
    end
  end
  local applied = applied_offset()
  for i, c in ipairs(p.contests) do
    redis.call('SADD', CONTESTS, c.code)
  end
  if p.offset > applied then
    for i, c in ipairs(p.contests) do
      local BOARD, _, _, _, DERIVED = contest_keys(i)
      write_derived(c.code, DERIVED, c.derived)
      write_board(BOARD, c)
    end
    redis.call('HSET', APPLIED, tostring(p.partition), p.offset)
  end
  return accepted
end

if op == 'rebuild' then
  redis.call('DEL', CHANGES, APPLIED, CONTESTS)
  for i, c in ipairs(p.contests) do
    local BOARD, SEATS, REPORTED, VERSIONS, DERIVED = contest_keys(i)
    redis.call('DEL', BOARD, SEATS, REPORTED, VERSIONS, DERIVED)
    for _, r in ipairs(c.registers) do
      local kind, name = string.match(r.f, '^([^/]*)/(.*)$')
      local hash = REPORTED
      if kind == 'seat' then hash = SEATS end
      redis.call('HSET', VERSIONS, r.f, r.v)
      redis.call('HSET', hash, name, r.j)
    end
    local args = {}
    for name, value in pairs(c.derived) do
      args[#args + 1] = name
      args[#args + 1] = tostring(value)
    end
    if #args > 0 then redis.call('HSET', DERIVED, unpack(args)) end
    redis.call('SET', BOARD, c.board)
    redis.call('SADD', CONTESTS, c.code)
    redis.call('XADD', CHANGES, 'MAXLEN', '~', p.changes_maxlen, '*', 'c', c.marker)
  end
  redis.call('HSET', APPLIED, tostring(p.partition), p.offset)
  redis.call('SET', EPOCH, p.epoch)
  return {'rebuilt'}
end

if op == 'zero' then
  local c = p.contests[1]
  local BOARD, _, _, _, DERIVED = contest_keys(1)
  if redis.call('EXISTS', BOARD) == 1 then return {'zero', 0} end
  if redis.call('EXISTS', EPOCH) == 0 then redis.call('SET', EPOCH, p.epoch) end
  write_derived(c.code, DERIVED, c.derived)
  write_board(BOARD, c)
  redis.call('SADD', CONTESTS, c.code)
  return {'zero', 1}
end

return redis.error_reply('unknown op ' .. tostring(op))
