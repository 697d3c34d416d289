-- ARGV[3] guide, ARGV[4] step, ARGV[5] available_at. 1 if queued, 0 if the
-- pair already has a task.
local guide, step, at = ARGV[3], ARGV[4], ARGV[5]
if redis.call('HEXISTS', PAIRS, pair(guide, step)) == 1 then return 0 end
local id = redis.call('INCR', IDS)
redis.call('HSET', TASK .. id, 'guide', guide, 'step', step, 'attempt', 0, 'available_at', at)
redis.call('HSET', PAIRS, pair(guide, step), id)
redis.call('SADD', GUIDE_TASKS .. guide, id)
redis.call('ZADD', WAITING, at, member(id))
return 1
