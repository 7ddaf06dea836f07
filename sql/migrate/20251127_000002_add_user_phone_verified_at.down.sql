-- schema: auth
DROP INDEX auth.user_email_lower_key;
DROP INDEX auth.user_verified_phone_number_key;
ALTER TABLE auth.user DROP COLUMN phone_verified_at;
