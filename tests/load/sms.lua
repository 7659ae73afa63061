-- wrk load run against the SMS webhook (Development mode, unsigned): every request is a new message from one of
-- 1,000 senders, so turns load and save real conversation state. The texts are the distinct messages of the eval sets
-- (tests/load/messages.txt, url-encoded, one a line; regenerate with tests/load/messages.py), each thread starting at
-- another point of the list. See docs/performance.md.
local questions = {}
for line in io.lines(os.getenv("LOAD_MESSAGES") or "tests/load/messages.txt") do
  if #line > 0 then questions[#questions + 1] = line end
end
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  -- Threads start apart in the list, so they do not send the same text at the same moment.
  counter = thread_id * 397
end

function request()
  counter = counter + 1
  local sid = string.format("SM%02d%030d", thread_id, counter)
  local sender = string.format("%%2B1555%07d", (counter * 7 + thread_id) % 1000)
  local body = "MessageSid=" .. sid .. "&From=" .. sender .. "&To=%2B15550000000&Body=" .. questions[(counter % #questions) + 1]
  return wrk.format("POST", "/api/sms", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function done(summary, latency, requests)
  io.write(string.format("distinct messages: %d\n", #questions))
end
