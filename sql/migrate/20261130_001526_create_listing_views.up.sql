-- schema: app
-- A view counts once per viewer, per listing, per day (UTC). The viewer is a keyed hash of the
-- user, or of the client address when anonymous, so the table never holds an address. Only
-- today's rows matter; recording a view deletes that listing's rows of earlier days.
CREATE TABLE app.listing_views (
  listing_id UUID NOT NULL REFERENCES app.listings(id) ON DELETE CASCADE,
  day DATE NOT NULL,
  viewer_key BYTEA NOT NULL,
  PRIMARY KEY (listing_id, day, viewer_key)
);

-- The server inserts today's rows and deletes earlier days'; it never updates one.
REVOKE UPDATE ON app.listing_views FROM classifieds_app;
