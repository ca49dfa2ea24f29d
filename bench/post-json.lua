-- post-json.lua: wrk script for the JSON echo workload.  Every request
-- POSTs the file named by $BENCH_BODY (bench/body-1k.json, 1024 bytes of
-- compact JSON) as application/json.
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
