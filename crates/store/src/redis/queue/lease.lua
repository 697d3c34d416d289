-- ARGV[3] worker, ARGV[4] now, ARGV[5] lease_until, ARGV[6..] guides to
-- skip. Returns {id, guide, step, attempt, worker, lease_until} or nil.
local worker, now, lease_until = ARGV[3], ARGV[4], ARGV[5]
local skip = {}
for i = 6, #ARGV do skip[ARGV[i]] = true end
ensure_group()

local function take(id)
  local task = TASK .. id
  local attempt = redis.call('HINCRBY', task, 'attempt', 1)
  redis.call('HSET', task, 'worker', worker, 'lease_until', lease_until)
  redis.call('ZADD', LEASES, lease_until, member(id))
  local fields = redis.call('HMGET', task, 'guide', 'step')
  return {tonumber(id), fields[1], tonumber(fields[2]), attempt, worker, lease_until}
end

-- 1. A task whose lease ran out (its worker died or hung) is taken over
--    first: it was due before anything still unread. Oldest due first.
local best, best_at
for _, m in ipairs(redis.call('ZRANGEBYSCORE', LEASES, '-inf', '(' .. now)) do
  local id = tonumber(m)
  local fields = redis.call('HMGET', TASK .. id, 'guide', 'available_at')
  if fields[1] and not skip[fields[1]] then
    local at = tonumber(fields[2])
    if not best or at < best_at or (at == best_at and id < best) then
      best, best_at = id, at
    end
  end
end
if best then
  local entry = redis.call('HGET', TASK .. best, 'entry')
  if entry then
    -- The stream's pending list follows the lease to its new worker.
    redis.call('XCLAIM', READY, GROUP, worker, 0, entry, 'JUSTID')
  end
  return take(best)
end

-- 2. Tasks now due join the stream, oldest first.
for _, m in ipairs(redis.call('ZRANGEBYSCORE', WAITING, '-inf', now)) do
  local id = tonumber(m)
  redis.call('ZREM', WAITING, m)
  local entry = redis.call('XADD', READY, '*', 'task', id)
  redis.call('HSET', TASK .. id, 'entry', entry)
end

-- 3. The next unread task, through the group; tasks of skipped guides go
--    back to waiting as they were.
local skipped = {}
local found
while true do
  local reply = redis.call('XREADGROUP', 'GROUP', GROUP, worker, 'COUNT', 1, 'STREAMS', READY, '>')
  if not reply then break end
  local entry = reply[1][2][1]
  local entry_id, id = entry[1], entry[2][2]
  local guide = redis.call('HGET', TASK .. id, 'guide')
  if not guide then
    redis.call('XACK', READY, GROUP, entry_id)
    redis.call('XDEL', READY, entry_id)
  elseif skip[guide] then
    table.insert(skipped, id)
  else
    found = id
    break
  end
end
for _, id in ipairs(skipped) do
  hand_back(id, redis.call('HGET', TASK .. id, 'available_at'), true)
end
if found then return take(found) end
return false
