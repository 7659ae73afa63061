-- wrk load run against the SMS webhook (Development mode, unsigned): every request is a new message from one of
-- 1,000 senders, so turns load and save real conversation state. See docs/performance.md.
local questions = {
  "where+can+i+get+narcan", "how+do+fent+strips+work", "is+it+safe+to+mix+xanax+and+dope",
  "hes+not+breathing", "need+a+needle+exchange", "how+long+does+narcan+last", "can+i+get+bupe+online",
}
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

function request()
  counter = counter + 1
  local sid = string.format("SM%02d%030d", thread_id, counter)
  local sender = string.format("%%2B1555%07d", (counter * 7 + thread_id) % 1000)
  local body = "MessageSid=" .. sid .. "&From=" .. sender .. "&To=%2B15550000000&Body=" .. questions[(counter % #questions) + 1]
  return wrk.format("POST", "/api/sms", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
