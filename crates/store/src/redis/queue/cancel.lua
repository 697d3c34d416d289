-- ARGV[3] guide. Removes all its tasks; returns how many.
local set = GUIDE_TASKS .. ARGV[3]
local removed = 0
for _, id in ipairs(redis.call('SMEMBERS', set)) do
  removed = removed + remove(id)
end
redis.call('DEL', set)
return removed
