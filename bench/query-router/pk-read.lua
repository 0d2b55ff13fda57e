-- wrk script: primary-key reads of pgbench_accounts through POST /v1/query,
-- the same statement pgbench -S runs. ROUTER_KEY and NACCOUNTS come from the environment.
local naccounts = tonumber(os.getenv("NACCOUNTS") or "1000000")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("ROUTER_KEY")

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter * 7919)
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
end

request = function()
  local aid = math.random(1, naccounts)
  return wrk.format(nil, "/v1/query", nil,
    '{"sql":"SELECT abalance FROM pgbench_accounts WHERE aid = $1","params":[' .. aid .. ']}')
end
