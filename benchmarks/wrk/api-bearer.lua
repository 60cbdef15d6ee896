-- GET /api/me with the access token in the TOKEN environment variable
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
