-- authmd-java storage schema, version 7: expired credentials (access tokens) are swept
-- (CredentialStore.sweep), so the table stops growing with every token issued. Same conventions as
-- V1__schema.sql; forward-only: earlier scripts are never edited. Only an index: no data changes.

-- sweep: the due rows, soonest first; API keys (no expiry) are not in it
CREATE INDEX IF NOT EXISTS authmd_credential_expiry_ix
    ON authmd_credential (expires_at) WHERE expires_at IS NOT NULL;
