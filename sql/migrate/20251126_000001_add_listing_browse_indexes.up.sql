-- schema: app
-- The public browse paths: only active, unflagged listings are ever listed, so the indexes are
-- partial; every order ends with id, the keyset cursor's tie-breaker.
CREATE INDEX listings_visible_created_at_idx ON app.listings (created_at DESC, id DESC)
  WHERE is_active AND NOT is_flagged;
CREATE INDEX listings_visible_price_idx ON app.listings (price, id)
  WHERE is_active AND NOT is_flagged;
CREATE INDEX listings_visible_price_desc_idx ON app.listings (price DESC NULLS LAST, id DESC)
  WHERE is_active AND NOT is_flagged;
CREATE INDEX listings_visible_category_created_at_idx ON app.listings (category_id, created_at DESC, id DESC)
  WHERE is_active AND NOT is_flagged;
CREATE INDEX listings_visible_location_created_at_idx ON app.listings (location_id, created_at DESC, id DESC)
  WHERE is_active AND NOT is_flagged;
