-- authmd-java storage schema, version 3: refresh tokens and their families (current profile).
-- Same conventions as V1__schema.sql; forward-only: V1 and V2 are never edited.

-- One row per refresh token (RefreshTokenStore), by (tenant, token hash); never the token. A
-- rotation marks the spent row and inserts its successor in one transaction; rotations and
-- revocations of one registration are serialised by a transaction-scoped advisory lock, so a
-- revocation always sees the successor a concurrent rotation committed.
CREATE TABLE IF NOT EXISTS authmd_refresh_token (
    tenant_id       text COLLATE "C" NOT NULL,
    token_hash      text COLLATE "C" NOT NULL,
    family_id       text COLLATE "C" NOT NULL,
    registration_id text COLLATE "C" NOT NULL,
    generation      bigint      NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    state           text        NOT NULL,
    spent_at        timestamptz,
    successor_hash  text COLLATE "C",
    CONSTRAINT authmd_refresh_token_pk PRIMARY KEY (tenant_id, token_hash),
    CONSTRAINT authmd_refresh_token_state_ck CHECK (state IN ('active', 'spent', 'revoked')),
    CONSTRAINT authmd_refresh_token_spent_ck
        CHECK ((state = 'spent') = (spent_at IS NOT NULL) AND (state = 'spent') = (successor_hash IS NOT NULL)),
    CONSTRAINT authmd_refresh_token_generation_ck CHECK (generation >= 0),
    CONSTRAINT authmd_refresh_token_expiry_ck CHECK (expires_at > issued_at)
);

-- revokeByRegistration: the tokens of a registration not yet revoked.
CREATE INDEX IF NOT EXISTS authmd_refresh_token_registration_ix
    ON authmd_refresh_token (tenant_id, registration_id) WHERE state <> 'revoked';

-- sweep: expired rows, soonest first.
CREATE INDEX IF NOT EXISTS authmd_refresh_token_expiry_ix ON authmd_refresh_token (expires_at);
