-- Shared by every queue script (prepended to each).
-- KEYS: task pairs hash, waiting set, ready stream, lease set, id counter.
-- ARGV[1] the prefix of task hashes, ARGV[2] of guides' task sets; the
-- script's own arguments start at ARGV[3].
local PAIRS, WAITING, READY, LEASES, IDS = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local TASK, GUIDE_TASKS = ARGV[1], ARGV[2]
local GROUP = 'workers'

-- Sorted-set members are zero-padded ids, so equal scores order by id.
local function member(id)
  return string.format('%020d', tonumber(id))
end

local function pair(guide, step)
  return step .. ':' .. guide
end

-- Takes a task's entry out of the ready stream, if it has one.
local function unstream(id)
  local task = TASK .. id
  local entry = redis.call('HGET', task, 'entry')
  if entry then
    redis.call('XACK', READY, GROUP, entry)
    redis.call('XDEL', READY, entry)
    redis.call('HDEL', task, 'entry')
  end
end

-- Removes a task entirely; 1 if it existed.
local function remove(id)
  local task = TASK .. id
  local fields = redis.call('HMGET', task, 'guide', 'step')
  if not fields[1] then return 0 end
  unstream(id)
  redis.call('HDEL', PAIRS, pair(fields[1], fields[2]))
  redis.call('SREM', GUIDE_TASKS .. fields[1], id)
  redis.call('ZREM', WAITING, member(id))
  redis.call('ZREM', LEASES, member(id))
  redis.call('DEL', task)
  return 1
end

-- Puts a task back among the waiting, unleased, due at `at`; unless
-- `counted`, the lease that ends does not count as an attempt.
local function hand_back(id, at, counted)
  local task = TASK .. id
  if redis.call('EXISTS', task) == 0 then return 0 end
  unstream(id)
  redis.call('HDEL', task, 'worker', 'lease_until')
  redis.call('ZREM', LEASES, member(id))
  if not counted then
    local attempt = tonumber(redis.call('HGET', task, 'attempt')) or 0
    redis.call('HSET', task, 'attempt', math.max(attempt - 1, 0))
  end
  redis.call('HSET', task, 'available_at', at)
  redis.call('ZADD', WAITING, at, member(id))
  return 1
end

-- The group goes with the stream: create both if Redis lost them.
local function ensure_group()
  redis.pcall('XGROUP', 'CREATE', READY, GROUP, '0', 'MKSTREAM')
end
