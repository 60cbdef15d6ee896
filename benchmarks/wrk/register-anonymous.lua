-- POST {"type":"anonymous"} to v0.1's register endpoint
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"anonymous"}'
