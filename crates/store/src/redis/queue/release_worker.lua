-- ARGV[3] worker. Hands back every task the worker holds (its entries in
-- the group's pending list), due as they were; returns how many.
local worker = ARGV[3]
ensure_group()
local released = 0
local pending = redis.call('XPENDING', READY, GROUP, '-', '+', 100000, worker)
for _, p in ipairs(pending) do
  local entry = p[1]
  local rows = redis.call('XRANGE', READY, entry, entry)
  local id = rows[1] and rows[1][2][2]
  if id and redis.call('HGET', TASK .. id, 'worker') == worker then
    released = released + hand_back(id, redis.call('HGET', TASK .. id, 'available_at'), true)
  else
    redis.call('XACK', READY, GROUP, entry)
  end
end
return released
