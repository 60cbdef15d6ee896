-- POST {"type":"anonymous"} to the current profile's identity endpoint
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type":"anonymous"}'
