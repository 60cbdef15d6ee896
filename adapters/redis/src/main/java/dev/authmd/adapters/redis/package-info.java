/**
 * The replay cache ({@link dev.authmd.adapters.redis.RedisReplayCache}) and the rate-limit counters
 * ({@link dev.authmd.adapters.redis.RedisRateLimitStore}) on Redis through Lettuce: the hot, expiring state that
 * several replicas must share. Registrations, credentials, delegations and the current profile's token records stay in
 * a durable store (docs/redis.md says why).
 */
package dev.authmd.adapters.redis;
