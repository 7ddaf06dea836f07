-- schema: auth
-- A number counts as the user's only once verified, and then for one account only.
ALTER TABLE auth.user ADD COLUMN phone_verified_at TIMESTAMP;
CREATE UNIQUE INDEX user_verified_phone_number_key ON auth.user (phone_number)
  WHERE phone_verified_at IS NOT NULL;
CREATE UNIQUE INDEX user_email_lower_key ON auth.user (lower(email));
