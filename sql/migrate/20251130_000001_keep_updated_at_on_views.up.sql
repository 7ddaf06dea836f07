-- schema: app
-- A counted view is not a change to the listing: `updated_at` moves for every other update only.
-- search_vector is left out because a BEFORE trigger sees generated columns not yet computed.
CREATE FUNCTION app.touch_listing_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (to_jsonb(NEW) - 'view_count' - 'updated_at' - 'search_vector')
     = (to_jsonb(OLD) - 'view_count' - 'updated_at' - 'search_vector') THEN
    RETURN NEW;
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;
DROP TRIGGER listings_touch_updated_at ON app.listings;
CREATE TRIGGER listings_touch_updated_at BEFORE UPDATE ON app.listings
  FOR EACH ROW EXECUTE FUNCTION app.touch_listing_updated_at();
