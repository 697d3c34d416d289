-- One atomic change of a guide's state: check the guide's revision, apply
-- the writes, then append the event (seq from the store-wide counter) to
-- the guide's capped stream and publish it to every API process.
--
-- KEYS[1] the guide's hash (field `rev`), KEYS[2] its event stream,
-- KEYS[3] the seq counter, KEYS[4..] the keys the writes name.
-- ARGV[1] expectation: `absent`, `present`, `any` or a revision.
-- ARGV[2] the event's JSON without its seq ('' for no event).
-- ARGV[3] the stream's approximate cap; ARGV[4] the live channel.
-- ARGV[5] how many writes follow; each is: command, key index, argc, args.
-- Returns {1, seq} (seq 0 without an event) or {0, current revision}.
local allowed = {
  HSET = true, HDEL = true, HINCRBY = true, SET = true, DEL = true,
  PEXPIREAT = true, PERSIST = true, ZADD = true, ZREM = true,
  SADD = true, SREM = true,
}
local rev = redis.call('HGET', KEYS[1], 'rev')
local expect = ARGV[1]
if expect == 'absent' then
  if rev then return {0, rev} end
elseif expect == 'present' then
  if not rev then return {0, ''} end
elseif expect ~= 'any' then
  if rev ~= expect then return {0, rev or ''} end
end
local i = 6
for _ = 1, tonumber(ARGV[5]) do
  local command = ARGV[i]
  if not allowed[command] then
    return redis.error_reply('stepcast commit: command not allowed: ' .. command)
  end
  local key = KEYS[tonumber(ARGV[i + 1])]
  local argc = tonumber(ARGV[i + 2])
  local args = {}
  for j = 1, argc do args[j] = ARGV[i + 2 + j] end
  redis.call(command, key, unpack(args))
  i = i + 3 + argc
end
local seq = 0
if ARGV[2] ~= '' then
  seq = redis.call('INCR', KEYS[3])
  redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], seq .. '-0', 'event', ARGV[2])
  redis.call('PUBLISH', ARGV[4], seq .. ' ' .. ARGV[2])
end
return {1, seq}
