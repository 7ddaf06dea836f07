-- schema: auth
-- Codes are stored only as an HMAC-SHA256 (64 hex characters), never in clear; attempts are
-- counted per code so guessing is bounded.
ALTER TABLE auth.phone_verifications RENAME COLUMN code TO code_hash;
ALTER TABLE auth.phone_verifications ALTER COLUMN code_hash TYPE VARCHAR(64);
ALTER TABLE auth.phone_verifications ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
CREATE INDEX phone_verifications_phone_created_at_idx ON auth.phone_verifications (phone_number, created_at DESC);
