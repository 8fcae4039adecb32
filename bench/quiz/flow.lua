-- wrk script for bench/quiz.sh. QUIZ_TOKENS names a file: "csrf cookie" on the first line,
-- then one session path per line (/en/q/bench-quiz/s/{token}). QUIZ_MODE:
--   flow     for question 1..10: every person's page, then every person's answer, then
--            every person's feedback (so a person's feedback is asked for about PEOPLE/THREADS
--            requests after their answer, well after its 303 — wrk cannot tie a person to
--            one connection; a feedback asked for too early is counted as `early`)
--   page     GET every question page          answer  POST every answer (once each)
--   feedback GET every feedback page (of sessions whose answers the `answer` run gave)
-- Each thread takes every THREADS-th person. A thread stops once every one of its steps has
-- been ANSWERED (not merely sent: stopping earlier drops the answers in flight), and then
-- writes a file named after it into QUIZ_DONE; bench/quiz.sh stops wrk (SIGINT) when every
-- thread's file is there, so wrk's duration is the time the steps took, not -d.
-- Counts 303s to POSTs whose Location ends in /feedback as acknowledged answers (hyper
-- sends header names in lower case: `location`).
local mode = os.getenv("QUIZ_MODE") or "flow"
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

-- Globals of each thread (read by done() through thread:get).
csrf, cookie, steps, nsteps, i, back = nil, nil, nil, 0, 0, 0
acked, errors, conflicts, early, fillers, other = 0, 0, 0, 0, 0, 0

function init(args)
  nthreads = tonumber(os.getenv("THREADS") or "2")
  local f = assert(io.open(os.getenv("QUIZ_TOKENS")))
  local first = f:read("*l")
  csrf, cookie = first:match("^(%S+) (%S+)$")
  local people = {}
  local n = 0
  for line in f:lines() do
    if n % nthreads == id then table.insert(people, line) end
    n = n + 1
  end
  f:close()
  steps = {}
  for q = 1, 10 do
    if mode == "flow" or mode == "page" then
      for _, p in ipairs(people) do table.insert(steps, { "GET", p .. "/" .. q }) end
    end
    if mode == "flow" or mode == "answer" then
      for _, p in ipairs(people) do table.insert(steps, { "POST", p .. "/" .. q }) end
    end
    if mode == "flow" or mode == "feedback" then
      for _, p in ipairs(people) do table.insert(steps, { "GET", p .. "/" .. q .. "/feedback" }) end
    end
  end
  nsteps = #steps
  i, back = 0, 0
  -- wrk (4.1, script_verify_request) calls thread 0's request() once before the run to
  -- count pipelined requests, and never sends what it returns: that call must not take a step.
  verifying = (id == 0)
  acked, errors, conflicts, early, fillers, other = 0, 0, 0, 0, 0, 0
end

local function finish()
  local dir = os.getenv("QUIZ_DONE")
  if dir then
    local f = io.open(dir .. "/done-" .. id, "w")
    if f then f:write("done\n"); f:close() end
  end
  wrk.thread:stop()
end

-- A connection with nothing left to send waits (an hour) instead of sending filler
-- requests, whose latency would blur the figures.
function delay()
  if i >= nsteps then return 3600000 end
  return 0
end

local post_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
local get_headers = {}

function request()
  if verifying then
    verifying = false
    return wrk.format("GET", "/healthz")
  end
  i = i + 1
  local s = steps[i]
  if not s then
    -- Only when another connection took the last step between delay() and here (or more
    -- connections than steps): a cheap request, recognised by its body and not counted.
    if nsteps == 0 then finish() end
    return wrk.format("GET", "/healthz")
  end
  if s[1] == "POST" then
    post_headers["Cookie"] = cookie
    return wrk.format("POST", s[2], post_headers, "csrf=" .. csrf .. "&choice=" .. tostring(i % 3))
  end
  get_headers["Cookie"] = cookie
  return wrk.format("GET", s[2], get_headers)
end

function response(status, hdrs, body)
  if status == 200 and body == "ok" then
    fillers = fillers + 1
    return
  end
  back = back + 1
  local location = hdrs["location"] or hdrs["Location"] or ""
  if status == 303 and location:match("/feedback$") then
    acked = acked + 1
  elseif status == 303 then
    -- A feedback page asked for before its answer was stored: back to the question.
    early = early + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  elseif status >= 400 then
    errors = errors + 1
  elseif status ~= 200 then
    other = other + 1
  end
  if back >= nsteps then
    finish()
  elseif i >= nsteps then
    -- Everything sent: the tail. Tell bench/quiz.sh how far this thread got (a request in
    -- flight on a connection the server closed is never answered: wrk reconnects and
    -- sends the next step, so the script stops waiting when nothing moves for a while).
    local dir = os.getenv("QUIZ_DONE")
    local f = dir and io.open(dir .. "/sent-" .. id, "w")
    if f then f:write(back, "\n"); f:close() end
  end
end

function done(summary, latency, requests)
  local a, e, c, y, fl, o, b, n = 0, 0, 0, 0, 0, 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    e = e + t:get("errors")
    c = c + t:get("conflicts")
    y = y + t:get("early")
    fl = fl + t:get("fillers")
    o = o + t:get("other")
    b = b + t:get("back")
    n = n + t:get("nsteps")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("steps answered %d of %d (fillers %d) in %.2f s\n", b, n, fl, secs))
  io.write(string.format("answers acknowledged %d\n", a))
  io.write(string.format("answers/s %.0f\n", a / secs))
  io.write(string.format("requests/s %.0f\n", b / secs))
  io.write(string.format("p50 %.1f ms p99 %.1f ms max %.1f ms\n", latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("errors %d (4xx/5xx) conflicts %d early feedback %d other %d socket errors %d/%d/%d/%d\n",
    e, c, y, o, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
