-- authmd-java storage schema, version 1, for PostgreSQL 12 or later.
--
-- Applied by dev.authmd.adapters.jdbc.PostgresSchema (in one transaction, under an advisory
-- lock, recorded in authmd_schema_version), or by hand with psql, or by Flyway pointed at
-- classpath:db/authmd. Every statement is idempotent, so running it twice changes nothing.
-- Tables are unqualified: they land in the first schema of the search_path (set
-- currentSchema=... on the JDBC URL to use a dedicated schema).
--
-- Conventions:
--  * keys, ids and hashes are text COLLATE "C": byte-wise comparison is faster than a
--    linguistic collation and orders ids the way the in-memory stores do (by code point);
--  * instants are timestamptz (microsecond precision; the stores truncate nanoseconds);
--  * secrets are never stored, only the hashes the library computes (docs/protocol.md#v01-5);
--  * every lookup of the SPIs has an index; nothing scans a table.
-- See docs/postgresql.md for the reasoning behind each index and the retention rules.

CREATE TABLE IF NOT EXISTS authmd_schema_version (
    version     integer     NOT NULL PRIMARY KEY,
    description text        NOT NULL,
    applied_at  timestamptz NOT NULL DEFAULT now()
);

-- Registrations and their claim state (RegistrationStore). The claim state and its current
-- attempt are columns, not a JSON document: the two token hashes need unique indexes, and the
-- checks below keep a half-written claim from ever being stored.
CREATE TABLE IF NOT EXISTS authmd_registration (
    tenant_id                 text COLLATE "C" NOT NULL,
    id                        text COLLATE "C" NOT NULL,
    type                      text        NOT NULL,
    status                    text        NOT NULL,
    version                   bigint      NOT NULL,
    created_at                timestamptz NOT NULL,
    expires_at                timestamptz,
    user_id                   text COLLATE "C",
    email                     text,
    issuer                    text COLLATE "C",
    subject                   text COLLATE "C",
    agent_platform            text,
    agent_context_id          text,
    requested_credential_type text,
    post_claim_scopes         text[]      NOT NULL,
    -- ClaimState: all three set, or none
    claim_token_hash          text COLLATE "C",
    claim_expires_at          timestamptz,
    claim_total_failures      integer,
    -- ClaimAttempt (the current one only): set together, and only with a claim state
    attempt_id                text,
    attempt_token_hash        text COLLATE "C",
    attempt_email             text,
    attempt_expires_at        timestamptz,
    attempt_otp_hash          text,
    attempt_otp_expires_at    timestamptz,
    attempt_otp_failures      integer,
    CONSTRAINT authmd_registration_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT authmd_registration_type_ck
        CHECK (type IN ('agent-provider', 'id-jag-step-up', 'email-verification', 'anonymous')),
    CONSTRAINT authmd_registration_status_ck
        CHECK (status IN ('unclaimed', 'pending_claim', 'claimed', 'active', 'expired', 'revoked')),
    CONSTRAINT authmd_registration_version_ck CHECK (version >= 0),
    CONSTRAINT authmd_registration_credential_type_ck
        CHECK (requested_credential_type IN ('access_token', 'api_key')),
    CONSTRAINT authmd_registration_delegation_ck CHECK ((issuer IS NULL) = (subject IS NULL)),
    CONSTRAINT authmd_registration_claim_ck CHECK (
        (claim_token_hash IS NULL AND claim_expires_at IS NULL AND claim_total_failures IS NULL)
        OR (claim_token_hash IS NOT NULL AND claim_expires_at IS NOT NULL AND claim_total_failures >= 0)),
    CONSTRAINT authmd_registration_attempt_ck CHECK (
        (attempt_id IS NULL AND attempt_token_hash IS NULL AND attempt_email IS NULL
            AND attempt_expires_at IS NULL AND attempt_otp_hash IS NULL
            AND attempt_otp_expires_at IS NULL AND attempt_otp_failures IS NULL)
        OR (claim_token_hash IS NOT NULL AND attempt_id IS NOT NULL AND attempt_token_hash IS NOT NULL
            AND attempt_email IS NOT NULL AND attempt_expires_at IS NOT NULL AND attempt_otp_failures >= 0
            AND (attempt_otp_hash IS NULL) = (attempt_otp_expires_at IS NULL)))
);

-- findByClaimTokenHash; uniqueness per tenant is part of the SPI contract
CREATE UNIQUE INDEX IF NOT EXISTS authmd_registration_claim_token_uq
    ON authmd_registration (tenant_id, claim_token_hash) WHERE claim_token_hash IS NOT NULL;
-- findByAttemptTokenHash: only the current attempt is a column, so a superseded link is never found
CREATE UNIQUE INDEX IF NOT EXISTS authmd_registration_attempt_token_uq
    ON authmd_registration (tenant_id, attempt_token_hash) WHERE attempt_token_hash IS NOT NULL;
-- findByUser, oldest first, read in index order
CREATE INDEX IF NOT EXISTS authmd_registration_user_ix
    ON authmd_registration (tenant_id, user_id, created_at, id) WHERE user_id IS NOT NULL;
-- findByDelegation (logout tokens), oldest first, read in index order
CREATE INDEX IF NOT EXISTS authmd_registration_delegation_ix
    ON authmd_registration (tenant_id, issuer, subject, created_at, id) WHERE issuer IS NOT NULL;
-- findDueForExpiry: only claimable rows with an expiry are in it, so it stays small
CREATE INDEX IF NOT EXISTS authmd_registration_due_ix
    ON authmd_registration (expires_at)
    WHERE status IN ('unclaimed', 'pending_claim') AND expires_at IS NOT NULL;
-- findByTenant pages by the primary key (tenant_id, id)

-- Issued credentials (CredentialStore), found by the hash of their secret.
CREATE TABLE IF NOT EXISTS authmd_credential (
    tenant_id       text COLLATE "C" NOT NULL,
    id              text COLLATE "C" NOT NULL,
    secret_hash     text COLLATE "C" NOT NULL,
    type            text        NOT NULL,
    registration_id text COLLATE "C" NOT NULL,
    user_id         text,
    scopes          text[]      NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz,
    revoked_at      timestamptz,
    version         bigint      NOT NULL,
    CONSTRAINT authmd_credential_pk PRIMARY KEY (tenant_id, id),
    CONSTRAINT authmd_credential_type_ck CHECK (type IN ('access_token', 'api_key')),
    CONSTRAINT authmd_credential_version_ck CHECK (version >= 0)
);

-- findByHash: the hot path of every authenticated API call
CREATE UNIQUE INDEX IF NOT EXISTS authmd_credential_secret_uq
    ON authmd_credential (tenant_id, secret_hash);
-- findByRegistration and revokeByRegistration, oldest first
CREATE INDEX IF NOT EXISTS authmd_credential_registration_ix
    ON authmd_credential (tenant_id, registration_id, issued_at, id);

-- Provider user (iss, sub) to host user links (DelegationStore).
CREATE TABLE IF NOT EXISTS authmd_delegation (
    tenant_id  text COLLATE "C" NOT NULL,
    issuer     text COLLATE "C" NOT NULL,
    subject    text COLLATE "C" NOT NULL,
    user_id    text COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL,
    CONSTRAINT authmd_delegation_pk PRIMARY KEY (tenant_id, issuer, subject)
);

-- findByUser, oldest first
CREATE INDEX IF NOT EXISTS authmd_delegation_user_ix
    ON authmd_delegation (tenant_id, user_id, created_at, issuer, subject);

-- Used assertion ids (ReplayCache), shared by every replica. The key is the SHA-256 of the
-- length-prefixed namespace, issuer and jti: fixed width whatever a provider puts in its jti.
-- Logged (not UNLOGGED): forgetting a jti after a crash or a failover would let a replay in.
CREATE TABLE IF NOT EXISTS authmd_replay (
    key_hash     bytea       NOT NULL,
    retain_until timestamptz NOT NULL,
    CONSTRAINT authmd_replay_pk PRIMARY KEY (key_hash),
    CONSTRAINT authmd_replay_key_ck CHECK (octet_length(key_hash) = 32)
);

-- sweep
CREATE INDEX IF NOT EXISTS authmd_replay_retain_ix ON authmd_replay (retain_until);

-- Rate-limit counters (RateLimitStore), shared by every replica. UNLOGGED: no WAL for a
-- counter bumped on every request; after a crash PostgreSQL empties it and limits restart
-- from zero, which a fail-open limiter accepts. Free space per page lets the increments be
-- HOT updates (the count column is in no index).
CREATE UNLOGGED TABLE IF NOT EXISTS authmd_rate_limit (
    key        text COLLATE "C" NOT NULL,
    count      bigint      NOT NULL,
    expires_at timestamptz NOT NULL,
    CONSTRAINT authmd_rate_limit_pk PRIMARY KEY (key)
) WITH (fillfactor = 70);

-- sweep
CREATE INDEX IF NOT EXISTS authmd_rate_limit_expires_ix ON authmd_rate_limit (expires_at);
