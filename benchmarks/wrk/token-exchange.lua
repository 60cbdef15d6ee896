-- the RFC 7523 exchange of one identity assertion, read from the ASSERTION environment variable
-- (an assertion may be exchanged any number of times until it expires)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" .. os.getenv("ASSERTION")
