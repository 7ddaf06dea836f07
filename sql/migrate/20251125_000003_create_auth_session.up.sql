-- schema: auth
CREATE TABLE auth.session (
  id TEXT PRIMARY KEY,
  user_id UUID NOT NULL REFERENCES auth.user(id) ON DELETE CASCADE,
  expires_at TIMESTAMPTZ NOT NULL
);
