-- schema: app
CREATE TABLE app.listing_flags (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  listing_id UUID NOT NULL REFERENCES app.listings(id) ON DELETE CASCADE,
  user_id UUID NOT NULL REFERENCES auth.user(id) ON DELETE CASCADE,
  reason VARCHAR(20) NOT NULL
    CHECK (reason IN ('PROHIBITED', 'MISCATEGORIZED', 'SPAM', 'SCAM', 'OTHER')),
  created_at TIMESTAMP DEFAULT NOW() NOT NULL,
  UNIQUE (listing_id, user_id)
);
CREATE INDEX listing_flags_user_id_idx ON app.listing_flags (user_id, created_at DESC);
