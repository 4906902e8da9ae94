-- POSTs the file named by BENCH_BODY with BENCH_TYPE, and an X-Signature
-- header from BENCH_SIG when set (the webhook scenario).
local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
wrk.body = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = os.getenv("BENCH_TYPE") or "application/json"
local sig = os.getenv("BENCH_SIG")
if sig and sig ~= "" then wrk.headers["X-Signature"] = sig end
