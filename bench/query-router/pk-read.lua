-- wrk script: primary-key reads of pgbench_accounts through POST /v1/query,
-- the same statement pgbench -S runs. ROUTER_KEY and NACCOUNTS come from the environment.
--
-- Each thread formats a pool of requests for random accounts once, in init(), and cycles
-- through it: formatting a request in Lua for every call cost wrk about 2 us of CPU per
-- request on the CPUs the router and PostgreSQL share, work pgbench's client does not do.
-- 65,536 random accounts per thread spread the reads over the table like pgbench's.
local naccounts = tonumber(os.getenv("NACCOUNTS") or "1000000")
local poolsize = 65536
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("ROUTER_KEY")

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter * 7919)
end

local pool = {}
local next_request = 0

function init(args)
  math.randomseed(os.time() + (seed or 0))
  for i = 1, poolsize do
    pool[i] = wrk.format(nil, "/v1/query", nil,
      '{"sql":"SELECT abalance FROM pgbench_accounts WHERE aid = $1","params":[' .. math.random(1, naccounts) .. ']}')
  end
end

request = function()
  next_request = next_request % poolsize + 1
  return pool[next_request]
end
