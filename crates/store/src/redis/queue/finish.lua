-- ARGV[3] `complete`, `release` or `defer`, ARGV[4] task id,
-- ARGV[5] when it is due again (release, defer).
local mode, id = ARGV[3], ARGV[4]
if mode == 'complete' then return remove(id) end
return hand_back(id, ARGV[5], mode == 'release')
