-- authmd-java storage schema, version 2: the identity assertions the service signs (current
-- profile). Same conventions as V1__schema.sql; forward-only: V1 is never edited.

-- One row per assertion the service signed (IssuedAssertionStore), by (tenant, jti); never the
-- assertion itself. Retiring is one UPDATE guarded by state = 'active', so exactly one of many
-- replicas retires a record; rows are swept once expired.
CREATE TABLE IF NOT EXISTS authmd_issued_assertion (
    tenant_id       text COLLATE "C" NOT NULL,
    jti             text COLLATE "C" NOT NULL,
    registration_id text COLLATE "C" NOT NULL,
    issued_at       timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    state           text        NOT NULL,
    retired_at      timestamptz,
    CONSTRAINT authmd_issued_assertion_pk PRIMARY KEY (tenant_id, jti),
    CONSTRAINT authmd_issued_assertion_state_ck CHECK (state IN ('active', 'superseded', 'revoked')),
    CONSTRAINT authmd_issued_assertion_retired_ck CHECK ((state = 'active') = (retired_at IS NULL)),
    CONSTRAINT authmd_issued_assertion_expiry_ck CHECK (expires_at > issued_at)
);

-- retireByRegistration: only the active records of a registration are ever looked up this way.
CREATE INDEX IF NOT EXISTS authmd_issued_assertion_active_ix
    ON authmd_issued_assertion (tenant_id, registration_id) WHERE state = 'active';

-- sweep: expired rows, soonest first.
CREATE INDEX IF NOT EXISTS authmd_issued_assertion_expiry_ix ON authmd_issued_assertion (expires_at);
