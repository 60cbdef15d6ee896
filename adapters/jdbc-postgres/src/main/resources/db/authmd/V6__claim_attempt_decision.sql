-- authmd-java storage schema, version 6: the user's decision on a claim attempt (the current
-- profile's sign-in ceremony) and who confirmed it. Same conventions as V1__schema.sql;
-- forward-only: earlier scripts are never edited.

-- Null while the registration has no attempt; 'open' for every v0.1 attempt.
ALTER TABLE authmd_registration ADD COLUMN IF NOT EXISTS attempt_decision text;
ALTER TABLE authmd_registration ADD COLUMN IF NOT EXISTS attempt_confirmed_user text COLLATE "C";

-- Attempts stored before this version were v0.1's, never decided on.
UPDATE authmd_registration SET attempt_decision = 'open'
    WHERE attempt_id IS NOT NULL AND attempt_decision IS NULL;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'authmd_registration_attempt_decision_ck') THEN
        ALTER TABLE authmd_registration
            ADD CONSTRAINT authmd_registration_attempt_decision_ck
                CHECK (attempt_decision IN ('open', 'confirmed', 'denied')
                       AND (attempt_decision = 'confirmed') = (attempt_confirmed_user IS NOT NULL));
    END IF;
END
$$;
