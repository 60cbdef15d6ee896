-- authmd-java storage schema, version 5: which wire profile created a registration. Same
-- conventions as V1__schema.sql; forward-only: earlier scripts are never edited.

-- Every registration stored before this version was created through v0.1.
ALTER TABLE authmd_registration
    ADD COLUMN IF NOT EXISTS profile text NOT NULL DEFAULT 'v0.1';

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'authmd_registration_profile_ck') THEN
        ALTER TABLE authmd_registration
            ADD CONSTRAINT authmd_registration_profile_ck CHECK (profile IN ('v0.1', 'current'));
    END IF;
END
$$;
