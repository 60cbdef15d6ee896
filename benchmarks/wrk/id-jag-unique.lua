-- POST an ID-JAG registration (either profile: the body is the same), each request with its own
-- token: TOKENS names a file of ID-JAGs, one per line (POST /demo/provider/id-jags mints them);
-- thread k of THREADS takes lines k, k+THREADS, … so no token is sent twice. When a thread runs out
-- it sends its first token again: a replay, answered 400 and counted by wrk as "Non-2xx".
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local tokens = {}
local sent = 0

function init(args)
  local threads = tonumber(os.getenv("THREADS") or "2")
  local line_no = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if line_no % threads == id then
      tokens[#tokens + 1] = line
    end
    line_no = line_no + 1
  end
end

function request()
  sent = sent + 1
  local token = tokens[sent] or tokens[1]
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" },
    '{"type":"identity_assertion","assertion_type":"urn:ietf:params:oauth:token-type:id-jag","assertion":"'
      .. token .. '"}')
end
