-- authmd-java storage schema, version 8: when a registration became terminal (expired or
-- revoked), so the retention purge (RegistrationStore.findEndedBefore / delete) can find what
-- ended long enough ago and the table stops growing with every registration ever made. Same
-- conventions as V1__schema.sql; forward-only: earlier scripts are never edited.

ALTER TABLE authmd_registration ADD COLUMN IF NOT EXISTS ended_at timestamptz;

-- Registrations that ended before this version never recorded when: they count from the
-- upgrade, so the default retention (30 days) purges them 30 days after it, never at once.
-- That includes the registrations a v0.1 delegation made before one registration per
-- (tenant, iss, sub) was enforced, once revoked; live duplicates stay until their delegation
-- is revoked.
UPDATE authmd_registration SET ended_at = now()
    WHERE status IN ('expired', 'revoked') AND ended_at IS NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'authmd_registration_ended_ck') THEN
        ALTER TABLE authmd_registration
            ADD CONSTRAINT authmd_registration_ended_ck
                CHECK ((status IN ('expired', 'revoked')) = (ended_at IS NOT NULL));
    END IF;
END
$$;

-- purge: a tenant's ended rows, earliest end first; live registrations are not in it
CREATE INDEX IF NOT EXISTS authmd_registration_ended_ix
    ON authmd_registration (tenant_id, ended_at) WHERE ended_at IS NOT NULL;
