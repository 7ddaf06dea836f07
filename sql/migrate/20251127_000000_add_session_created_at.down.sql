-- schema: auth
ALTER TABLE auth.session DROP COLUMN created_at;
