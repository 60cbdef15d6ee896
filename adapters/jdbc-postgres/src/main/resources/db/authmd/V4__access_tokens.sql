-- authmd-java storage schema, version 4: the current profile's access tokens. Same conventions as
-- V1__schema.sql; forward-only: earlier scripts are never edited.

-- One row per access token exchanged at the token endpoint (AccessTokenStore), by (tenant, token
-- hash); never the token. Bound to one resource and to the identity assertion it was exchanged
-- for; revoking is one UPDATE guarded by revoked_at IS NULL.
CREATE TABLE IF NOT EXISTS authmd_access_token (
    tenant_id       text COLLATE "C" NOT NULL,
    token_hash      text COLLATE "C" NOT NULL,
    registration_id text COLLATE "C" NOT NULL,
    user_id         text COLLATE "C",
    scopes          text[]      NOT NULL,
    resource        text        NOT NULL,
    assertion_jti   text COLLATE "C" NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    revoked_at      timestamptz,
    CONSTRAINT authmd_access_token_pk PRIMARY KEY (tenant_id, token_hash),
    CONSTRAINT authmd_access_token_expiry_ck CHECK (expires_at > issued_at)
);

-- revokeAll: the usable tokens of a registration (optionally of one of its assertions).
CREATE INDEX IF NOT EXISTS authmd_access_token_registration_ix
    ON authmd_access_token (tenant_id, registration_id, assertion_jti) WHERE revoked_at IS NULL;

-- sweep: expired rows, soonest first.
CREATE INDEX IF NOT EXISTS authmd_access_token_expiry_ix ON authmd_access_token (expires_at);
