-- ARGV[3] task id, ARGV[4] worker, ARGV[5] lease_until. 1 if the lease was
-- still the worker's and is extended.
local id, worker, lease_until = ARGV[3], ARGV[4], ARGV[5]
local task = TASK .. id
if redis.call('HGET', task, 'worker') ~= worker then return 0 end
redis.call('HSET', task, 'lease_until', lease_until)
redis.call('ZADD', LEASES, lease_until, member(id))
local entry = redis.call('HGET', task, 'entry')
if entry then
  -- Claiming resets the entry's idle time, so XPENDING shows the worker
  -- alive.
  redis.call('XCLAIM', READY, GROUP, worker, 0, entry, 'JUSTID')
end
return 1
