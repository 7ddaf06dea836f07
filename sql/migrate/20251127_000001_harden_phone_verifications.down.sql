-- schema: auth
DROP INDEX auth.phone_verifications_phone_created_at_idx;
ALTER TABLE auth.phone_verifications DROP COLUMN attempts;
-- Hashes do not fit the old width; they are useless without the server secret anyway.
DELETE FROM auth.phone_verifications;
ALTER TABLE auth.phone_verifications ALTER COLUMN code_hash TYPE VARCHAR(10);
ALTER TABLE auth.phone_verifications RENAME COLUMN code_hash TO code;
