-- db-random.lua: wrk script for bench/db.sh.  Each request goes to the
-- URL's path with &id=N, N random in 1..$BENCH_ROWS (the read workload
-- reads by primary key; the insert workload names its rows).
local rows = tonumber(os.getenv("BENCH_ROWS") or "10000")
math.randomseed(os.time())
request = function()
	return wrk.format(nil, wrk.path .. "&id=" .. math.random(1, rows))
end
