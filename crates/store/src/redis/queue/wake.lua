-- ARGV[3] guide, ARGV[4] now, ARGV[5..] steps. Makes those steps' waiting
-- unleased tasks due now; returns how many.
local guide, now = ARGV[3], ARGV[4]
local woken = 0
for i = 5, #ARGV do
  local id = redis.call('HGET', PAIRS, pair(guide, ARGV[i]))
  if id then
    local task = TASK .. id
    local score = redis.call('ZSCORE', WAITING, member(id))
    if not redis.call('HGET', task, 'worker') and score and tonumber(score) > tonumber(now) then
      redis.call('ZADD', WAITING, now, member(id))
      redis.call('HSET', task, 'available_at', now)
      woken = woken + 1
    end
  end
end
return woken
