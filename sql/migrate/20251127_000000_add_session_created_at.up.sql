-- schema: auth
-- Sessions slide forward on use; created_at bounds their total life.
ALTER TABLE auth.session ADD COLUMN created_at TIMESTAMPTZ DEFAULT now() NOT NULL;
